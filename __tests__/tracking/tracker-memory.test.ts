import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { syntheticCall as call } from "../helpers/synthetic-call";

/** A garbage collector this test can call (jest runs node without --expose-gc). */
function collector(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

describe("a tracker's memory and cost do not grow with the process's age", () => {
  it("records 1,000,000 calls with exact totals, keeps the last 1,000, and grows the heap by under 64 MB", () => {
    const gc = collector();
    const tracker = new CostTracker();
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 1_000_000; i += 1) tracker.record(call(i % 2 === 0 ? 0.5 : 0.25, i % 3 === 0 ? "gpt-4o" : "gpt-4o-mini"), { role: i % 2 === 0 ? "rag" : undefined });
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    const totals = tracker.totals();
    expect(totals).toMatchObject({ calls: 1_000_000, costUsd: 500_000 * 0.5 + 500_000 * 0.25, tokensInput: 10_000_000, tokensOutput: 1_000_000 });
    expect(totals.byModel["gpt-4o"]!.calls).toBe(333_334);
    expect(totals.byRole.rag).toMatchObject({ calls: 500_000, costUsd: 250_000 });
    expect(tracker.calls).toHaveLength(1000);
    expect(grown).toBeLessThan(64 * 1024 * 1024);
    // The report reads the running totals, not the calls.
    expect(tracker.report()).toMatch(/over 1000000 call\(s\)/);
  });
});
