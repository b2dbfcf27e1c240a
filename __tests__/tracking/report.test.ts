import { CostTracker } from "../../src/tracking/cost-tracker";
import type { LLMCallResult } from "../../src/types";

function call(cost: number, model: string): LLMCallResult {
  return { content: "", model, provider: "openai", tokensInput: 100, tokensOutput: 10, cost, usage: { input: 100, output: 10, cacheRead: 0, cacheWrite: 0 }, estimated: false };
}

/** The cells of a table's row whose first cell is `label`. */
function rowOf(report: string, label: string): string[] {
  const line = report.split("\n").find((text) => text.startsWith(label));
  if (line === undefined) throw new Error(`no row ${label} in:\n${report}`);
  return line.slice(label.length).trim().split(/\s{2,}/);
}

describe("report()", () => {
  const tracker = new CostTracker();
  tracker.record(call(0.000109, "gpt-4o"), { node: "answer", role: "rag" });
  tracker.record(call(0.000067, "gpt-4o-mini"), { node: "route" });
  tracker.record(call(0.000024, "gpt-4o-mini"));
  const report = tracker.report();

  it("gives calls outside any node, and without a role, a row of their own, so each table adds up to 100%", () => {
    expect(rowOf(report, "(outside any node)")).toEqual(["1", "100", "10", "$0.000024", "12.0%"]);
    expect(rowOf(report, "(no role)")).toEqual(["2", "200", "20", "$0.000091", "45.5%"]);
    const nodeShares = ["answer", "route", "(outside any node)"].map((label) => Number.parseFloat(rowOf(report, label)[4]!));
    expect(nodeShares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 1);
  });

  it("shows every amount of a cost column with the same number of decimals", () => {
    expect(rowOf(report, "answer")[3]).toBe("$0.000109");
    expect(rowOf(report, "route")[3]).toBe("$0.000067");
    expect(rowOf(report, "gpt-4o-mini")[3]).toBe("$0.000091");
  });

  it("keeps its headline in formatCost's form", () => {
    expect(report.split("\n")[0]).toBe("LLM cost: $0.0002 over 3 call(s), 300 tokens in / 30 out");
  });
});
