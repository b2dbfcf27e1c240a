import { InputError } from "../errors";
import { checkDimensions } from "./dimensions";
import { Ledger } from "./ledger";
import type { CostLedger, LedgerOptions } from "./ledger-types";
import { loadDriver } from "./optional-driver";
import { SqliteStore, type SqliteDriver } from "./sqlite-store";

/** Options of {@link sqliteLedger}. */
export interface SqliteLedgerOptions extends LedgerOptions {
  /** The database file (created, with its schema, when missing). */
  path: string;
  /** How long a write waits for another process's transaction before it is retried (default 5000 ms). */
  busyTimeoutMs?: number;
  /**
   * When a commit reaches the disk (SQLite's `synchronous`, in WAL mode). "normal" (the default): a
   * row committed when a call returns survives the process dying at any moment; an operating-system
   * crash or power cut may lose the last commits. "full": each commit is synced to disk too (an
   * fsync per write and reservation, a millisecond or more each on most disks).
   */
  synchronous?: "normal" | "full";
}

/**
 * A cost ledger in one SQLite file (`better-sqlite3` 12.x, an optional peer dependency), safe for
 * many processes on one machine (WAL). It creates and migrates its schema itself.
 * @throws LedgerDriverMissingError when better-sqlite3 is not installed; InputError for bad options;
 * ConfigurationError when the file cannot be opened.
 */
export function sqliteLedger(options: SqliteLedgerOptions): CostLedger {
  if (typeof options !== "object" || options === null || typeof options.path !== "string" || options.path === "") {
    throw new InputError('sqliteLedger needs the path of its database file: sqliteLedger({ path: "costs.db" }).');
  }
  const dimensions = checkDimensions(options.dimensions);
  const busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
  if (!(Number.isInteger(busyTimeoutMs) && busyTimeoutMs >= 0)) throw new InputError(`busyTimeoutMs must be a whole number of milliseconds, 0 or more; got ${busyTimeoutMs}.`);
  const synchronous = options.synchronous ?? "normal";
  if (synchronous !== "normal" && synchronous !== "full") throw new InputError(`synchronous must be "normal" or "full"; got ${JSON.stringify(synchronous)}.`);
  const Driver = loadDriver<SqliteDriver>("better-sqlite3", "sqliteLedger");
  return new Ledger(new SqliteStore(Driver, { path: options.path, dimensions, busyTimeoutMs, synchronous }), { dimensions, spoolDir: options.spoolDir });
}
