import { Pool, type QueryConfig } from "pg";
import { BudgetExceededError } from "../../src/errors";
import { LEASE_IDLE_MS, LEASE_SPARE_CALLS } from "../../src/ledger/budget-leases";
import type { Ledger } from "../../src/ledger/ledger";
import { postgresLedger } from "../../src/ledger/postgres-ledger";
import type { Budget, CostLedger } from "../../src/ledger/ledger-types";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { freshStore, type TestStore } from "../helpers/ledger-stores";
import { rejectionOf } from "../helpers/rejection";
import { QUESTION } from "../reliability/support/outcomes";
import { useRig } from "../reliability/support/rigs";

/** USD of a gpt-4o call (no cache). */
const gpt4o = (input: number, output: number): number => (input * 2.5 + output * 10) / 1e6;

/**
 * Budgets in PostgreSQL are kept with leases: a process holds room for several calls and admits
 * them without a round trip; each call's row takes its worst case off the lease. Counted here by
 * the statements the ledger's own pool sends, and by the rows in the store.
 */
describe("budget leases in the PostgreSQL ledger", () => {
  const openai = useRig("openai");
  let store: TestStore;
  const ledgers: CostLedger[] = [];
  const pools: Pool[] = [];
  let consoleError: jest.SpyInstance;
  beforeEach(async () => {
    consoleError = jest.spyOn(console, "error").mockImplementation(() => {}); // LangChain logs what a raiseError handler throws
    store = await freshStore("PostgreSQL");
  });
  afterEach(async () => {
    await Promise.all(ledgers.splice(0).map((ledger) => ledger.close()));
    await Promise.all(pools.splice(0).map((pool) => pool.end()));
    await store.remove();
    consoleError.mockRestore();
  });

  /** A ledger on a pool of the test's own, with the text of every statement the ledger sends. */
  const countedLedger = (): { ledger: CostLedger; statements: string[] } => {
    const pool = new Pool({ connectionString: store.where });
    pools.push(pool);
    const statements: string[] = [];
    const query = pool.query.bind(pool) as (config: string | QueryConfig, values?: unknown[]) => Promise<unknown>;
    pool.query = ((config: string | QueryConfig, values?: unknown[]) => {
      statements.push(typeof config === "string" ? config : config.text);
      return query(config, values);
    }) as typeof pool.query;
    const ledger = postgresLedger({ pool, spoolDir: store.dir });
    ledgers.push(ledger);
    return { ledger, statements };
  };
  const leaseRows = () => store.sql<{ call_id: string; usd: number }>("SELECT call_id, usd FROM orchestratai_llm_reservations");
  /** The worst case of one call of QUESTION with maxTokens 100, as a refusal names it. */
  const worstCase = async (): Promise<number> => {
    const ledger = store.ledger();
    ledgers.push(ledger);
    const provider = openai.provider({ tracker: new CostTracker({ ledger, budgets: [{ usd: 0 }] }) });
    return (await rejectionOf(provider.complete({ messages: QUESTION, maxTokens: 100 }), BudgetExceededError)).callUsd!;
  };

  test("twenty calls in a row under a budget: one lease renewal, twenty row writes, and the lease holds what is left of its room", async () => {
    const callUsd = await worstCase();
    const { ledger, statements } = countedLedger();
    const provider = openai.provider({ tracker: new CostTracker({ ledger, budgets: [{ usd: 1, window: "day" }] }) });
    for (let call = 0; call < 20; call++) {
      openai.server.reply({ usage: { inputTokens: 20, outputTokens: 10 } });
      await provider.complete({ messages: QUESTION, maxTokens: 100 });
    }
    expect(openai.server.requests).toHaveLength(20);
    expect(statements.filter((text) => text.includes("orchestratai_llm_lease_"))).toHaveLength(1);
    expect(statements.filter((text) => text.includes("orchestratai_llm_write_"))).toHaveLength(20);
    expect(statements.filter((text) => text.includes("orchestratai_llm_reserve("))).toHaveLength(0);
    // Granted: the call and 32 calls' worth of spare; each row took its worst case off.
    const [lease] = await leaseRows();
    expect(lease!.call_id).toMatch(/^lease:/);
    expect(lease!.usd).toBeCloseTo((1 + LEASE_SPARE_CALLS - 20) * callUsd, 12);
    expect((await ledger.totals()).costUsd).toBeCloseTo(20 * gpt4o(20, 10), 15);
  });

  test("a lease's spare room is reserved for other processes until it goes back: after a second without calls, or when the ledger closes", async () => {
    const callUsd = await worstCase();
    const budgets: Budget[] = [{ usd: 0.05 }];
    for (const giveBack of ["idle", "close"] as const) {
      await store.sql("DELETE FROM orchestratai_llm_spend"); // the same budget, untouched, each round
      const ledger = store.ledger();
      ledgers.push(ledger);
      openai.server.reply({ usage: { inputTokens: 20, outputTokens: 10 } });
      await openai.provider({ tracker: new CostTracker({ ledger, budgets }) }).complete({ messages: QUESTION, maxTokens: 100 });
      // Spare: an eighth of what the budget had left beside the call (less than 32 calls' worth here).
      expect((await ledger.totals()).reservedUsd).toBeCloseTo((0.05 - callUsd) / 8, 12);
      if (giveBack === "idle") await new Promise((resolve) => setTimeout(resolve, LEASE_IDLE_MS + 300));
      else await ledger.close();
      expect(await leaseRows()).toEqual([]);
    }
  });

  test("with less than eight calls' worth left, a lease holds no spare room: once its call is written it holds nothing", async () => {
    const callUsd = await worstCase();
    const budgets: Budget[] = [{ usd: 8.5 * callUsd }];
    const first = countedLedger();
    openai.server.reply({ usage: { inputTokens: 20, outputTokens: 10 } });
    await openai.provider({ tracker: new CostTracker({ ledger: first.ledger, budgets }) }).complete({ messages: QUESTION, maxTokens: 100 });
    expect(await leaseRows()).toEqual([{ call_id: expect.stringMatching(/^lease:/), usd: 0 }]);
    expect((await first.ledger.totals()).reservedUsd).toBe(0);
  });

  test("a row that could be neither written nor spooled still ends its call: the lease goes back once idle", async () => {
    const ledger = store.ledger();
    ledgers.push(ledger);
    (ledger as unknown as Ledger).writer.write = () => Promise.reject(new Error("ENOSPC: no space left on device, write"));
    openai.server.reply({ usage: { inputTokens: 20, outputTokens: 10 } });
    const provider = openai.provider({ tracker: new CostTracker({ ledger, budgets: [{ usd: 1 }] }) });
    const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
    try {
      await provider.complete({ messages: QUESTION, maxTokens: 100 });
      expect(warn.mock.calls).toEqual([["CostTracker: a hook's settle threw (ENOSPC: no space left on device, write); the call is recorded and its result returned."]]);
    } finally {
      warn.mockRestore();
    }
    expect(await leaseRows()).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, LEASE_IDLE_MS * 2 + 500));
    expect(await leaseRows()).toEqual([]);
  });
});
