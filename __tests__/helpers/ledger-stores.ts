import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { Client } from "pg";
import { createScratchDatabase, type ScratchDatabase } from "../../scripts/postgres/scratch-database";
import { postgresLedger } from "../../src/ledger/postgres-ledger";
import { sqliteLedger } from "../../src/ledger/sqlite-ledger";
import type { CostLedger } from "../../src/ledger/ledger-types";

/** The two kinds of store, for `describe.each`. */
export const STORE_KINDS = ["SQLite", "PostgreSQL"] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** A fresh, empty store for one test: a SQLite file in a temp folder, or a new PostgreSQL database. */
export interface TestStore {
  kind: StoreKind;
  /** The SQLite file or the PostgreSQL url, as `--ledger` takes it. */
  where: string;
  /** A temp folder for spool files. */
  dir: string;
  /** A new ledger on the store, as another process would open it. */
  ledger(options?: { dimensions?: string[] }): CostLedger;
  /** Runs SQL on the store through its driver directly (not through the ledger). */
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  remove(): Promise<void>;
}

/** The server jest's global setup started (or DATABASE_URL named). */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: jest's global setup starts PostgreSQL and sets it.");
  return url;
}

/** A new database on the test server. */
export function createTestDatabase(): Promise<ScratchDatabase> {
  return createScratchDatabase(databaseUrl(), "ledger_test");
}

/** Opens a fresh store of `kind`. */
export async function freshStore(kind: StoreKind): Promise<TestStore> {
  const dir = mkdtempSync(path.join(tmpdir(), "orchestratai-ledger-test-"));
  if (kind === "SQLite") {
    const file = path.join(dir, "costs.db");
    return {
      kind,
      where: file,
      dir,
      ledger: (options = {}) => sqliteLedger({ path: file, spoolDir: dir, ...options }),
      sql: async <T>(text: string, values: unknown[] = []) => {
        const db = new Database(file);
        try {
          const statement = db.prepare(text);
          return (statement.reader ? statement.all(...values) : (statement.run(...values), [])) as T[];
        } finally {
          db.close();
        }
      },
      remove: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const database = await createTestDatabase();
  return {
    kind,
    where: database.url,
    dir,
    ledger: (options = {}) => postgresLedger({ connectionString: database.url, spoolDir: dir, ...options }),
    sql: async <T>(text: string, values: unknown[] = []) => {
      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        return (await client.query(text, values)).rows as T[];
      } finally {
        await client.end();
      }
    },
    remove: async () => {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
