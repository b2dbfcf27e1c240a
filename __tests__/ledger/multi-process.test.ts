import { freshStore, STORE_KINDS, type TestStore } from "../helpers/ledger-stores";
import { WORKER_DIMENSIONS, type WorkerRun } from "./support/worker-protocol";
import { plannedCalls, plannedCost } from "./support/worker-plan";
import { startWorkers, type Worker } from "./support/workers";

/** Worker processes on a busy 2-core machine: allow for their start-up and their calls. */
jest.setTimeout(120_000);

/**
 * Four worker processes, started once for both stores (starting a process costs more than its
 * calls), each store giving them three runs in turn: 1,000 mixed calls, a burst under a shared
 * budget, then calls during which one worker is killed (and replaced). Each test reads only its
 * own run's rows (`phase`).
 */
const workers: Worker[] = [];
beforeAll(async () => {
  workers.push(...(await startWorkers([0, 1, 2, 3])));
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
});

describe.each(STORE_KINDS)("four processes sharing one %s ledger", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await freshStore(kind);
  });
  afterAll(() => store?.remove());
  const run = (worker: Worker, request: Omit<WorkerRun, "type" | "store" | "where" | "spoolDir">) => worker.run({ store: kind, where: store.where, spoolDir: store.dir, ...request });

  test("× 250 mixed calls each (both providers, streams, embeddings): 1,000 rows, unique ids, totals exact", async () => {
    const reports = await Promise.all(workers.map((worker) => run(worker, { mode: "mixed", calls: 250 })));
    expect(reports.map((report) => [report?.succeeded, report?.errors])).toEqual([0, 1, 2, 3].map(() => [250, []]));

    const planned = [0, 1, 2, 3].flatMap((worker) => plannedCalls(worker, 250));
    const expectedUsd = planned.reduce((sum, call) => sum + plannedCost(call), 0);
    const ledger = store.ledger();
    const totals = await ledger.totals({ by: "kind" });
    await ledger.close();
    expect(totals.calls).toBe(1000);
    expect(Math.abs(totals.costUsd - expectedUsd)).toBeLessThanOrEqual(1e-9);
    expect(totals.tokensInput).toBe(planned.reduce((sum, call) => sum + call.inputTokens, 0));
    expect(totals.tokensOutput).toBe(planned.reduce((sum, call) => sum + call.outputTokens, 0));
    expect(Object.fromEntries(Object.entries(totals.groups!).map(([name, bucket]) => [name, bucket.calls]))).toEqual({ chat: 800, embeddings: 200 });
    expect(Object.keys(totals.byModel).sort()).toEqual(["anthropic.claude-3-haiku-20240307-v1:0", "gpt-4o-2024-08-06", "text-embedding-3-small"]);

    const ids = (await store.sql<{ id: string }>("SELECT id FROM orchestratai_llm_calls")).map((row) => row.id).sort();
    expect(new Set(ids).size).toBe(1000);
    expect(ids).toEqual(reports.flatMap((report) => report!.ids).sort());
  });

  test("a budget shared by the four, each starting 50 calls at once with maxTokens: spend stays within it, and all but one call's worth is used", async () => {
    const budgetUsd = 0.05;
    // Sent to every (idle) worker at once: the four bursts start together.
    const reports = await Promise.all(workers.map((worker) => run(worker, { mode: "burst", calls: 50, budgetUsd, maxTokens: 200 })));
    expect(reports.map((report) => report?.errors)).toEqual([[], [], [], []]);

    const succeeded = reports.reduce((sum, report) => sum + report!.succeeded, 0);
    const callUsd = reports.find((report) => report!.callUsd !== undefined)!.callUsd!;
    const ledger = store.ledger({ dimensions: WORKER_DIMENSIONS });
    const totals = await ledger.totals({ where: { phase: "burst" } });
    await ledger.close();
    expect(totals.calls).toBe(succeeded);
    expect(reports.reduce((sum, report) => sum + report!.refused, 0)).toBe(200 - succeeded);
    expect(totals.costUsd).toBeLessThanOrEqual(budgetUsd + 1e-12); // 1e-12: the same costs added in another order
    expect(totals.costUsd).toBeGreaterThan(budgetUsd - callUsd);
    expect(totals.reservedUsd).toBe(0);
  });

  test("a worker killed with SIGKILL mid-run: every call that returned is in the ledger exactly once", async () => {
    const [victim, ...survivors] = workers;
    const killed = run(victim!, { mode: "until-killed", calls: 400 });
    const finished = Promise.all(survivors.map((worker) => run(worker, { mode: "until-killed", calls: 60 })));
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (victim!.returned.length < 40) return;
        clearInterval(check);
        victim!.child.kill("SIGKILL");
        resolve();
      }, 5);
    });
    expect(await killed).toBeUndefined();
    expect((await finished).map((report) => report?.errors)).toEqual([[], [], []]);

    const rows = await store.sql<{ call: string; n: number }>(`SELECT "dim_callNo" AS call, count(*) AS n FROM orchestratai_llm_calls WHERE dim_phase = 'until-killed' GROUP BY "dim_callNo"`);
    const counts = new Map(rows.map((row) => [row.call, Number(row.n)]));
    const victimReturned = victim!.returned.splice(0);
    const survivorsReturned = survivors.flatMap((worker) => worker.returned.splice(0));
    expect([...victimReturned, ...survivorsReturned].filter((callNo) => counts.get(callNo) !== 1)).toEqual([]);
    expect(survivorsReturned).toHaveLength(180);
    expect(victimReturned.length).toBeGreaterThanOrEqual(40);
    expect(victimReturned.length).toBeLessThan(400);
    if (kind !== STORE_KINDS.at(-1)) workers[0] = (await startWorkers([0]))[0]!; // the next store's runs need four
  });
});
