import type { Pool, PoolConfig } from "pg";
import { InputError } from "../errors";
import { checkDimensions } from "./dimensions";
import { Ledger } from "./ledger";
import type { CostLedger, LedgerOptions } from "./ledger-types";
import { loadDriver } from "./optional-driver";
import { PostgresStore } from "./postgres-store";

/** Options of {@link postgresLedger}: a connection string, or a `pg` Pool of your own. */
export interface PostgresLedgerOptions extends LedgerOptions {
  /** e.g. "postgresql://user:password@host:5432/db" (the ledger makes and ends its own pool). */
  connectionString?: string;
  /** A `pg` Pool (used as given, never ended by the ledger). */
  pool?: unknown;
}

/** Connections the ledger's own pool keeps at most; how long it waits for one; how long a statement may take. */
const POOL_SETTINGS: PoolConfig = { max: 10, connectionTimeoutMillis: 5_000, query_timeout: 15_000, idleTimeoutMillis: 10_000 };

function isPool(value: unknown): value is Pool {
  return typeof value === "object" && value !== null && typeof (value as Pool).query === "function" && typeof (value as Pool).connect === "function";
}

/** The store as messages name it: user, host and database, never a password. */
function describe(connectionString: string | undefined, pool: Pool): string {
  try {
    const url = new URL(connectionString ?? "");
    return `PostgreSQL ledger ${url.username ? `${decodeURIComponent(url.username)}@` : ""}${url.host}${url.pathname}`;
  } catch {
    const options = (pool as Pool & { options?: { host?: string; port?: number; database?: string } }).options ?? {};
    return `PostgreSQL ledger ${options.host ?? "localhost"}:${options.port ?? 5432}/${options.database ?? ""}`;
  }
}

/**
 * A cost ledger in PostgreSQL (`pg`, an optional peer dependency), for processes on many machines.
 * It creates and migrates its schema on first use; budgets lock a row per budget while they reserve.
 * @throws LedgerDriverMissingError when pg is not installed; InputError for bad options.
 */
export function postgresLedger(options: PostgresLedgerOptions): CostLedger {
  if (typeof options !== "object" || options === null || (options.pool === undefined) === (typeof options.connectionString !== "string" || options.connectionString === "")) {
    throw new InputError('postgresLedger needs exactly one of connectionString ("postgresql://user@host:5432/db") or pool (a pg Pool).');
  }
  if (options.pool !== undefined && !isPool(options.pool)) throw new InputError("postgresLedger: pool must be a pg Pool (with query() and connect()).");
  const dimensions = checkDimensions(options.dimensions);
  const ownsPool = options.pool === undefined;
  let pool: Pool;
  if (isPool(options.pool)) pool = options.pool;
  else {
    const pg = loadDriver<typeof import("pg")>("pg", "postgresLedger");
    pool = new pg.Pool({ ...POOL_SETTINGS, connectionString: options.connectionString });
    // An idle connection the server drops (a restart) is replaced on the next query; without a listener it would crash the process.
    pool.on("error", () => undefined);
  }
  const store = new PostgresStore({ pool, ownsPool, description: describe(options.connectionString, pool), dimensions });
  return new Ledger(store, { dimensions, spoolDir: options.spoolDir });
}
