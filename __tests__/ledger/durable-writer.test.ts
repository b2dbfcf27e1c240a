import { execFileSync } from "node:child_process";
import { appendFileSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Ledger } from "../../src/ledger/ledger";
import type { LedgerRow } from "../../src/ledger/ledger-row";
import type { ReservingStore } from "../../src/ledger/ledger-store";
import { SqliteStore } from "../../src/ledger/sqlite-store";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { freshStore, type TestStore } from "../helpers/ledger-stores";
import { QUESTION } from "../reliability/support/outcomes";
import { useRig } from "../reliability/support/rigs";

/** A real SQLite store whose writes can be made to fail, as a store that is away would. */
class FlakyStore implements ReservingStore {
  away = false;
  failNext = 0;
  attempts = 0;
  readonly description: string;
  private readonly inner: SqliteStore;
  constructor(inner: SqliteStore) {
    this.inner = inner;
    this.description = inner.description;
  }
  async write(rows: readonly LedgerRow[]): Promise<void> {
    this.attempts += 1;
    if (this.away || this.failNext > 0) {
      this.failNext = Math.max(0, this.failNext - 1);
      throw new Error("connect ECONNREFUSED (the store is away)");
    }
    return this.inner.write(rows);
  }
  reserve(...args: Parameters<ReservingStore["reserve"]>) {
    return this.inner.reserve(...args);
  }
  release(callId: string) {
    return this.inner.release(callId);
  }
  recordedDimensions() {
    return this.inner.recordedDimensions();
  }
  aggregate(...args: Parameters<ReservingStore["aggregate"]>) {
    return this.inner.aggregate(...args);
  }
  reservedUsd(now: number) {
    return this.inner.reservedUsd(now);
  }
  close() {
    return this.inner.close();
  }
}

const TIMINGS = { retryDelaysMs: [5, 5], replayEveryMs: 40 };

async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("a ledger whose store fails", () => {
  const openai = useRig("openai");
  let store: TestStore;
  let flaky: FlakyStore;
  let ledger: Ledger;
  const spoolFiles = () => readdirSync(store.dir).filter((name) => name.startsWith(".orchestratai-ledger-"));
  const rowCount = async () => ((await store.sql<{ n: number }>("SELECT count(*) AS n FROM orchestratai_llm_calls"))[0]!.n);
  /** A new ledger on the store, as a new process would open it. */
  const open = (timings = TIMINGS) => {
    flaky = new FlakyStore(new SqliteStore(BetterSqlite3, { path: store.where, dimensions: [], busyTimeoutMs: 1000, synchronous: "normal" }));
    return new Ledger(flaky, { dimensions: [], spoolDir: store.dir, timings });
  };

  beforeEach(async () => {
    store = await freshStore("SQLite");
    ledger = open();
  });
  afterEach(async () => {
    await ledger.close();
    await store.remove();
  });

  const call = async (tracker: CostTracker, usage = { inputTokens: 100, outputTokens: 10 }) => {
    openai.server.reply({ usage });
    return openai.provider({ tracker }).complete({ messages: QUESTION });
  };

  test("retries a failed write: the call's row lands, once, and nothing is spooled", async () => {
    flaky.failNext = 2;
    const result = await call(new CostTracker({ ledger }));
    expect([flaky.attempts, await rowCount(), spoolFiles()]).toEqual([3, 1, []]);
    expect((await ledger.totals()).costUsd).toBe(result.cost);
  });

  test("while the store is away calls still return, their rows synced to a spool beside the process, replayed once when it answers", async () => {
    flaky.away = true;
    const tracker = new CostTracker({ ledger });
    const results = [await call(tracker), await call(tracker, { inputTokens: 200, outputTokens: 20 }), await call(tracker, { inputTokens: 300, outputTokens: 30 })];
    // This process's spool (a replay attempt may have set it aside under a new name meanwhile).
    const files = spoolFiles();
    expect(files.filter((name) => !new RegExp(`^\\.orchestratai-ledger-[0-9a-f]{12}-${process.pid}\\.(claimed-.*\\.)?jsonl$`).test(name))).toEqual([]);
    const lines = files.sort().flatMap((file) => readFileSync(path.join(store.dir, file), "utf8").trim().split("\n"));
    expect(lines.map((line) => (JSON.parse(line) as LedgerRow).id).sort()).toEqual(tracker.calls.map((c) => c.id).sort());
    expect(await rowCount()).toBe(0);

    flaky.away = false;
    await until(async () => (await rowCount()) === 3, "the spool is replayed");
    await until(() => spoolFiles().length === 0, "the replayed spool is removed");
    expect(await ledger.replaySpool()).toBe(true); // nothing left: replaying again changes nothing
    const totals = await ledger.totals();
    expect([totals.calls, totals.costUsd]).toEqual([3, results.reduce((sum, r) => sum + r.cost, 0)]);
    expect(await store.sql("SELECT usd FROM orchestratai_llm_spend WHERE dimension = 'all'")).toEqual([{ usd: totals.costUsd }]);
  });

  test("after the first failure, rows go straight to the spool (no call waits for retries) until a replay gets through", async () => {
    await ledger.close();
    ledger = open({ retryDelaysMs: [5, 5], replayEveryMs: 60_000 }); // no replay attempt of its own during the test
    flaky.away = true;
    const tracker = new CostTracker({ ledger });
    await call(tracker);
    expect(flaky.attempts).toBe(3); // the write and its two retries
    await call(tracker);
    await call(tracker);
    expect(flaky.attempts).toBe(3);
    flaky.away = false;
    expect(await ledger.replaySpool()).toBe(true);
    expect(await rowCount()).toBe(3);
    await call(tracker);
    expect(await rowCount()).toBe(4); // written directly again
  });

  test("a spool left by a process that died is taken over and replayed; a line it left cut short is skipped; a row spooled twice is stored once", async () => {
    flaky.away = true;
    const tracker = new CostTracker({ ledger });
    const result = await call(tracker);
    await ledger.close();
    const [file] = spoolFiles();
    const spooled = readFileSync(path.join(store.dir, file!), "utf8");
    appendFileSync(path.join(store.dir, file!), `${spooled}{"id":"cut-sh`); // the same row again, then a torn line
    const deadPid = Number(execFileSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }));
    renameSync(path.join(store.dir, file!), path.join(store.dir, file!.replace(`-${process.pid}.`, `-${deadPid}.`)));

    flaky.away = false;
    ledger = open(); // a new process on the same store and folder
    await until(() => spoolFiles().length === 0, "the orphaned spool is replayed");
    const totals = await ledger.totals();
    expect([totals.calls, totals.costUsd]).toEqual([1, result.cost]);
    expect(await store.sql("SELECT usd FROM orchestratai_llm_spend WHERE dimension = 'all'")).toEqual([{ usd: result.cost }]);
  });

  test("close() replays what is spooled once the store answers", async () => {
    flaky.away = true;
    await call(new CostTracker({ ledger }));
    flaky.away = false;
    await ledger.close();
    expect([await rowCount(), spoolFiles()]).toEqual([1, []]);
  });

  test("when the spool cannot be written either, the call still returns its result and the tracker warns", async () => {
    await ledger.close();
    const aFile = path.join(store.dir, "a-file");
    writeFileSync(aFile, "");
    flaky = new FlakyStore(new SqliteStore(BetterSqlite3, { path: store.where, dimensions: [], busyTimeoutMs: 1000, synchronous: "normal" }));
    flaky.away = true;
    ledger = new Ledger(flaky, { dimensions: [], spoolDir: path.join(aFile, "spool"), timings: TIMINGS });
    const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const result = await call(new CostTracker({ ledger }));
      expect(result.cost).toBeGreaterThan(0);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^CostTracker: a hook's settle threw \(.*\); the call is recorded and its result returned\.$/));
    } finally {
      warn.mockRestore();
    }
  });
});
