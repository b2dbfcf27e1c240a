import { TABLES } from "./ledger-columns";
import type { Migrations } from "./migrations";

/** The SQLite schema, version by version. Times are ISO 8601 text (UTC), flags 0/1. */
export const SQLITE_MIGRATIONS: Migrations = [
  [
    `CREATE TABLE ${TABLES.calls} (
      id TEXT PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL, provider TEXT, requested_model TEXT, model TEXT NOT NULL,
      role TEXT, node TEXT, thread_id TEXT,
      tokens_input INTEGER NOT NULL, tokens_output INTEGER NOT NULL, cache_read INTEGER NOT NULL, cache_write INTEGER NOT NULL,
      reasoning INTEGER, cache_write_1h INTEGER, service_tier TEXT,
      cost REAL NOT NULL, estimated INTEGER NOT NULL, priced INTEGER NOT NULL,
      priced_source TEXT, priced_model TEXT, priced_checked TEXT, unpriced_tier TEXT)`,
    `CREATE INDEX ${TABLES.calls}_at ON ${TABLES.calls} (at)`,
    `CREATE TABLE ${TABLES.spend} (dimension TEXT NOT NULL, value TEXT NOT NULL, day TEXT NOT NULL, usd REAL NOT NULL,
      PRIMARY KEY (dimension, value, day)) WITHOUT ROWID`,
    `CREATE TABLE ${TABLES.reservations} (call_id TEXT NOT NULL, dimension TEXT NOT NULL, value TEXT NOT NULL, usd REAL NOT NULL,
      expires_at INTEGER NOT NULL, PRIMARY KEY (call_id, dimension, value)) WITHOUT ROWID`,
    `CREATE INDEX ${TABLES.reservations}_budget ON ${TABLES.reservations} (dimension, value, expires_at)`,
  ],
];
