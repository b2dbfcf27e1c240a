import { readdirSync } from "node:fs";
import Database from "better-sqlite3";
import { BudgetExceededError } from "../../src/errors";
import { LedgerUnavailableError } from "../../src/ledger/ledger-errors";
import { postgresLedger } from "../../src/ledger/postgres-ledger";
import { sqliteLedger } from "../../src/ledger/sqlite-ledger";
import type { Budget, CostLedger } from "../../src/ledger/ledger-types";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { findFreePort } from "../../scripts/chroma/chroma-server";
import { fakeDateOnly } from "../helpers/fake-date";
import { freshStore, STORE_KINDS, type TestStore } from "../helpers/ledger-stores";
import { rejectionOf } from "../helpers/rejection";
import { QUESTION } from "../reliability/support/outcomes";
import { useRig } from "../reliability/support/rigs";

let consoleError: jest.SpyInstance;
let consoleWarn: jest.SpyInstance;
beforeEach(() => {
  consoleError = jest.spyOn(console, "error").mockImplementation(() => {}); // LangChain logs what a raiseError handler throws
  consoleWarn = jest.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => {
  consoleError.mockRestore();
  consoleWarn.mockRestore();
  jest.useRealTimers();
});

/** USD of a gpt-4o call (no cache). */
const gpt4o = (input: number, output: number): number => (input * 2.5 + output * 10) / 1e6;

describe.each(STORE_KINDS)("budgets in the %s ledger", (kind) => {
  const openai = useRig("openai");
  let store: TestStore;
  const ledgers: CostLedger[] = [];
  /** A tracker on a ledger of its own (a process of its own, as far as the store can tell). */
  const trackerWith = (budgets: Budget[], options: { dimensions?: string[]; budgetsFailOpen?: boolean } = {}): CostTracker => {
    const ledger = store.ledger({ dimensions: options.dimensions ?? ["tenant"] });
    ledgers.push(ledger);
    return new CostTracker({ ledger, budgets, budgetsFailOpen: options.budgetsFailOpen });
  };
  beforeEach(async () => {
    store = await freshStore(kind);
  });
  afterEach(async () => {
    await Promise.all(ledgers.splice(0).map((ledger) => ledger.close()));
    await store.remove();
  });

  test("a day budget by tenant: the tenant over it is refused before any request, the other is not, and the next UTC day is open", async () => {
    fakeDateOnly(new Date("2026-12-01T22:00:00Z")); // a budget's window moves to the next day with the clock
    const provider = openai.provider({ tracker: trackerWith([{ usd: 0.005, window: "day", by: "tenant" }]) });
    const call = (tenant: string) => {
      openai.server.reply({ usage: { inputTokens: 1000, outputTokens: 50 } }); // $0.003 each
      return provider.complete({ messages: QUESTION, maxTokens: 100, metadata: { tenant } });
    };
    await call("acme");
    await call("acme");
    const refused = await rejectionOf(call("acme"), BudgetExceededError);
    expect(refused.message).toBe("Budget exceeded: tenant acme: $0.0050 a day, $0.0060 spent today (UTC). Raise the budget, wait for the next UTC day.");
    expect([refused.budget, refused.budgetUsd, refused.reservedUsd]).toEqual(["tenant acme: $0.0050 a day", 0.005, 0]);
    expect(refused.spentUsd).toBeCloseTo(2 * gpt4o(1000, 50), 15);
    expect(openai.server.requests).toHaveLength(2);

    openai.server.reset();
    await call("beta");
    jest.setSystemTime(new Date("2026-12-02T00:00:01Z"));
    await call("acme");
    expect(openai.server.requests).toHaveLength(2);
  });

  test("what calls in flight in another process reserved counts: refused while it runs, admitted once it ends", async () => {
    const budgets: Budget[] = [{ usd: 0.0015, name: "team" }];
    const first = openai.provider({ tracker: trackerWith(budgets) });
    const second = openai.provider({ tracker: trackerWith(budgets) });
    openai.server.reply({ delayMs: 400, usage: { inputTokens: 20, outputTokens: 10 } });
    const slow = first.complete({ messages: QUESTION, maxTokens: 100 }); // reserves about $0.00106
    await new Promise((resolve) => setTimeout(resolve, 150));
    const refused = await rejectionOf(second.complete({ messages: QUESTION, maxTokens: 100 }), BudgetExceededError);
    expect(refused.budget).toBe("team: $0.0015 in all");
    const holders = kind === "SQLite" ? "calls in flight" : "calls in flight and budget leases";
    const opening = `Budget exceeded: team: $0.0015 in all, $0.0000 spent in all and $0.0011 reserved by ${holders} (in every process) leave less than this call's worst case of $0.0011.`;
    expect(refused.message.slice(0, opening.length)).toBe(opening);
    expect(refused.reservedUsd).toBe(refused.callUsd);
    await slow;
    openai.server.reply({ usage: { inputTokens: 20, outputTokens: 10 } });
    await second.complete({ messages: QUESTION, maxTokens: 100 });
  });

  test("a reservation whose process died expires after the call's time limit (and a grace minute)", async () => {
    fakeDateOnly(new Date("2026-12-01T10:00:00Z"));
    const budgets: Budget[] = [{ usd: 0.0015 }];
    openai.server.reply({ hang: true });
    const abandoned = new AbortController();
    const dead = openai.provider({ tracker: trackerWith(budgets) }).complete({ messages: QUESTION, maxTokens: 100, timeoutMs: 30_000, signal: abandoned.signal });
    const outcome = dead.catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const alive = openai.provider({ tracker: trackerWith(budgets) });
    await rejectionOf(alive.complete({ messages: QUESTION, maxTokens: 100 }), BudgetExceededError);
    jest.setSystemTime(new Date("2026-12-01T10:01:29Z")); // 30 s + 60 s after it was reserved: not yet
    await rejectionOf(alive.complete({ messages: QUESTION, maxTokens: 100 }), BudgetExceededError);
    jest.setSystemTime(new Date("2026-12-01T10:01:31Z"));
    openai.server.reply({ usage: { inputTokens: 20, outputTokens: 10 } });
    await alive.complete({ messages: QUESTION, maxTokens: 100 });
    abandoned.abort();
    await outcome;
  });

  test("budgets by role, node, model and thread govern the calls with that label and no others", async () => {
    const cases: [Budget, Record<string, string>][] = [
      [{ usd: 0, by: "role" }, { role: "rag" }],
      [{ usd: 0, by: "node" }, { langgraph_node: "answer" }],
      [{ usd: 0, by: "thread" }, { thread_id: "thread-7" }],
      [{ usd: 0, by: "tenant", window: "month" }, { tenant: "acme" }],
    ];
    for (const [budget, labelled] of cases) {
      const provider = openai.provider({ tracker: trackerWith([budget]) });
      const refused = await rejectionOf(provider.complete({ messages: QUESTION, metadata: labelled }), BudgetExceededError);
      expect(refused.budget).toBe(`${budget.by} ${Object.values(labelled)[0]}: $0.0000 ${budget.window === "month" ? "a month" : "in all"}`);
      openai.server.reply({ usage: { inputTokens: 5, outputTokens: 5 } });
      await provider.complete({ messages: QUESTION }); // no such label: not governed
    }
    const byModel = openai.provider({ tracker: trackerWith([{ usd: 0, by: "model", window: "day" }]) });
    expect((await rejectionOf(byModel.complete({ messages: QUESTION }), BudgetExceededError)).budget).toBe("model gpt-4o: $0.0000 a day");
    expect(openai.server.requests).toHaveLength(4);
  });
});

describe("a store that cannot be reached", () => {
  const openai = useRig("openai");
  let folder: TestStore; // for its temp folder: the spool goes there
  let dir: string;
  let ledger: CostLedger;
  beforeEach(async () => {
    folder = await freshStore("SQLite");
    dir = folder.dir;
    ledger = postgresLedger({ connectionString: `postgresql://app@127.0.0.1:${await findFreePort()}/nowhere`, spoolDir: dir, dimensions: ["tenant"] });
  });
  afterEach(async () => {
    await ledger.close();
    await folder.remove();
  });

  test("fails a call a budget governs closed, with a clear error, before any request", async () => {
    const tracker = new CostTracker({ ledger, budgets: [{ usd: 5, window: "day", by: "tenant" }] });
    const refused = await rejectionOf(openai.provider({ tracker }).complete({ messages: QUESTION, metadata: { tenant: "acme" } }), LedgerUnavailableError);
    expect(refused.message).toMatch(
      /^The cost ledger \(PostgreSQL ledger app@127\.0\.0\.1:\d+\/nowhere\) could not be reached to check the budget tenant acme: \$5\.0000 a day \(.*ECONNREFUSED.*\); the call was not sent\. Bring the store back, or pass budgetsFailOpen: true/,
    );
    expect(refused.budget).toBe("tenant acme: $5.0000 a day");
    expect((refused.cause as { code?: string }).code).toBe("ECONNREFUSED"); // the driver's error, kept
    expect(openai.server.requests).toHaveLength(0);
    expect(tracker.totals().reservedUsd).toBe(0);
  });

  test("with budgetsFailOpen the call is sent, said once, and its row spooled beside the process", async () => {
    const tracker = new CostTracker({ ledger, budgets: [{ usd: 5 }], budgetsFailOpen: true });
    const provider = openai.provider({ tracker });
    openai.server.reply({ usage: { inputTokens: 10, outputTokens: 2 }, times: 2 });
    await provider.complete({ messages: QUESTION });
    await provider.complete({ messages: QUESTION });
    expect(consoleWarn).toHaveBeenCalledTimes(1);
    expect(consoleWarn.mock.calls[0]![0]).toMatch(/cannot be reached .*budgetsFailOpen is set, so calls are sent unchecked until it answers/);
    expect(readdirSync(dir).filter((name) => name.startsWith(".orchestratai-ledger-"))).toHaveLength(1);
  });
});

describe("a SQLite file another process holds locked past the busy timeout", () => {
  const openai = useRig("openai");

  test("is a store that cannot be reached: a governed call fails closed", async () => {
    const store = await freshStore("SQLite");
    const ledger = sqliteLedger({ path: store.where, busyTimeoutMs: 0, spoolDir: store.dir });
    const tracker = new CostTracker({ ledger, budgets: [{ usd: 5 }] });
    const holder = new Database(store.where);
    holder.exec("BEGIN EXCLUSIVE");
    try {
      const refused = await rejectionOf(openai.provider({ tracker }).complete({ messages: QUESTION }), LedgerUnavailableError);
      expect(refused.message).toMatch(/^The cost ledger \(SQLite ledger .*costs\.db\) could not be reached to check the budget all calls: \$5\.0000 in all \(database is locked\)/);
      expect(openai.server.requests).toHaveLength(0);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
      await ledger.close();
      await store.remove();
    }
  });
});
