import { execFileSync } from "node:child_process";
import path from "node:path";
import { Pool } from "pg";
import { ConfigurationError, InputError } from "../../src/errors";
import { LedgerDriverMissingError } from "../../src/ledger/ledger-errors";
import { postgresLedger } from "../../src/ledger/postgres-ledger";
import { sqliteLedger } from "../../src/ledger/sqlite-ledger";
import type { Budget, CostLedger } from "../../src/ledger/ledger-types";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { createTestDatabase, freshStore, type TestStore } from "../helpers/ledger-stores";

describe("ledger options", () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await freshStore("SQLite");
  });
  afterAll(() => store.remove());

  test.each<[string, () => unknown, string]>([
    ["no path", () => sqliteLedger({} as never), 'sqliteLedger needs the path of its database file: sqliteLedger({ path: "costs.db" }).'],
    ["dimensions not a list", () => sqliteLedger({ path: store.where, dimensions: "tenant" as never }), 'dimensions must be a list of metadata keys, e.g. ["tenant"]; got "tenant".'],
    ["a dimension that is no column name", () => sqliteLedger({ path: store.where, dimensions: ["tenant id"] }), 'A ledger dimension must be a metadata key of letters, digits and underscores starting with a letter (at most 51); got "tenant id".'],
    ["a built-in key as dimension", () => sqliteLedger({ path: store.where, dimensions: ["role"] }), '"role" is recorded on every row already; name a metadata key of your own as a dimension (built-in keys: role, node, model, requestedModel, thread, provider, kind).'],
    ["a negative busy timeout", () => sqliteLedger({ path: store.where, busyTimeoutMs: -1 }), "busyTimeoutMs must be a whole number of milliseconds, 0 or more; got -1."],
    ["an unknown synchronous setting", () => sqliteLedger({ path: store.where, synchronous: "off" as never }), 'synchronous must be "normal" or "full"; got "off".'],
    ["neither url nor pool", () => postgresLedger({}), 'postgresLedger needs exactly one of connectionString ("postgresql://user@host:5432/db") or pool (a pg Pool).'],
    ["both url and pool", () => postgresLedger({ connectionString: "postgresql://a@b/c", pool: {} }), 'postgresLedger needs exactly one of connectionString ("postgresql://user@host:5432/db") or pool (a pg Pool).'],
    ["a pool that is none", () => postgresLedger({ pool: { query: 1 } }), "postgresLedger: pool must be a pg Pool (with query() and connect())."],
  ])("%s is an InputError saying what to pass", (_name, make, message) => {
    expect(make).toThrow(new InputError(message));
  });

  test("WAL, and commits synced as asked (SQLite's synchronous: 1 normal, 2 full)", async () => {
    for (const [synchronous, level] of [[undefined, 1], ["full", 2]] as const) {
      const ledger = sqliteLedger({ path: store.where, synchronous }) as unknown as { store: { db: { pragma(text: string, options: object): unknown } } };
      expect([ledger.store.db.pragma("journal_mode", { simple: true }), ledger.store.db.pragma("synchronous", { simple: true })]).toEqual(["wal", level]);
      await (ledger as unknown as CostLedger).close();
    }
  });

  test("a file in a folder that does not exist is a ConfigurationError naming it", () => {
    const missing = path.join(store.dir, "no-such-folder", "costs.db");
    expect(() => sqliteLedger({ path: missing })).toThrow(ConfigurationError);
    expect(() => sqliteLedger({ path: missing })).toThrow(`The SQLite ledger ${missing} cannot be opened`);
  });

  describe("budgets", () => {
    let ledger: CostLedger;
    beforeAll(() => {
      ledger = store.ledger({ dimensions: ["tenant"] });
    });
    afterAll(() => ledger.close());

    test.each<[string, unknown, string]>([
      ["not a list", { usd: 5 }, 'budgets must be a list, e.g. [{ usd: 5, window: "day", by: "tenant" }]; got {"usd":5}.'],
      ["not an object", [5], 'budgets[0] must be an object like { usd: 5, window: "day" }.'],
      ["without usd", [{ window: "day" }], "budgets[0] needs usd: its limit in US dollars."],
      ["a negative limit", [{ usd: -1 }], "budgets[0].usd must be a finite number of US dollars, 0 or more; got -1."],
      ["an unknown window", [{ usd: 5, window: "week" }], 'budgets[0].window must be "day", "month" or "all" (UTC calendar periods); got "week".'],
      [
        "a key the ledger does not record",
        [{ usd: 5 }, { usd: 5, by: "team" }],
        'budgets[1].by must be role, node, model, thread or a dimension the ledger records; "team" is none (recorded: tenant): add it to the ledger\'s dimensions, e.g. sqliteLedger({ path, dimensions: ["team"] }).',
      ],
      ["a name that is no string", [{ usd: 5, name: 3 }], "budgets[0].name must be a string."],
    ])("%s is an InputError at construction", (_name, budgets, message) => {
      expect(() => new CostTracker({ ledger, budgets: budgets as Budget[] })).toThrow(new InputError(message));
    });

    test("budgets need a ledger, and a ledger must be one of the package's", () => {
      expect(() => new CostTracker({ budgets: [{ usd: 5 }] })).toThrow(/^budgets are kept in a ledger, shared by every process: pass ledger: sqliteLedger/);
      expect(() => new CostTracker({ ledger: { totals: jest.fn(), report: jest.fn(), close: jest.fn() } })).toThrow(
        new InputError("ledger must be made by sqliteLedger({ path }) or postgresLedger({ connectionString })."),
      );
    });
  });

  test("a pg Pool of the caller's is used as given and left open by close()", async () => {
    const database = await createTestDatabase();
    const pool = new Pool({ connectionString: database.url });
    try {
      const ledger = postgresLedger({ pool, spoolDir: store.dir });
      expect((await ledger.totals()).calls).toBe(0);
      await ledger.close();
      expect((await pool.query("SELECT count(*)::int AS n FROM orchestratai_llm_calls")).rows).toEqual([{ n: 0 }]);
    } finally {
      await pool.end();
      await database.drop();
    }
  });
});

describe("the drivers are optional peer dependencies", () => {
  afterEach(() => jest.resetModules());

  function withDriverFailing(name: string, error: Error, make: (ledgers: typeof import("../../src/ledger")) => unknown): unknown {
    let thrown: unknown;
    jest.isolateModules(() => {
      jest.doMock(name, () => {
        throw error;
      });
      const ledgers = jest.requireActual<typeof import("../../src/ledger")>("../../src/ledger");
      try {
        make(ledgers);
      } catch (caught) {
        thrown = caught;
      }
    });
    return thrown;
  }

  const notFound = (name: string) => Object.assign(new Error(`Cannot find module '${name}' from 'src/ledger/optional-driver.ts'`), { code: "MODULE_NOT_FOUND" });

  test.each([
    ["better-sqlite3", (l: typeof import("../../src/ledger")) => l.sqliteLedger({ path: "costs.db" }), "sqliteLedger needs the database driver better-sqlite3, an optional peer dependency of @orchestratai/llm that is not installed: run npm install better-sqlite3@12."],
    ["pg", (l: typeof import("../../src/ledger")) => l.postgresLedger({ connectionString: "postgresql://a@b/c" }), "postgresLedger needs the database driver pg, an optional peer dependency of @orchestratai/llm that is not installed: run npm install pg."],
  ])("%s missing: a LedgerDriverMissingError saying what to install", (name, make, message) => {
    const error = withDriverFailing(name, notFound(name), make) as LedgerDriverMissingError;
    expect(error.constructor.name).toBe("LedgerDriverMissingError");
    expect([error.message, error.driver, (error.cause as Error).message]).toEqual([message, name, notFound(name).message]);
  });

  test("installed but built for another Node: the error says to rebuild it", () => {
    const error = withDriverFailing("better-sqlite3", new Error("The module was compiled against a different Node.js version\nusing NODE_MODULE_VERSION 127."), (l) => l.sqliteLedger({ path: "costs.db" })) as Error;
    expect(error.message).toBe(
      "sqliteLedger needs the database driver better-sqlite3, which is installed but did not load (The module was compiled against a different Node.js version): reinstall or rebuild it for this Node version (npm rebuild better-sqlite3).",
    );
  });

  test("loading the package loads neither driver", () => {
    const root = path.resolve(__dirname, "../..");
    const script =
      "require('./src');" +
      "const loaded = Object.keys(require.cache).filter((file) => /node_modules\\/(pg|better-sqlite3)\\//.test(file));" +
      "process.stdout.write(JSON.stringify(loaded));";
    expect(JSON.parse(execFileSync(process.execPath, ["--require", "tsx/cjs", "-e", script], { cwd: root, encoding: "utf8" }))).toEqual([]);
  });
});
