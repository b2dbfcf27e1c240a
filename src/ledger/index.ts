/**
 * Durable cost books shared by processes: a ledger in SQLite or PostgreSQL, written through the
 * tracker, with budgets that hold across every process writing to it. Loading this module loads no
 * database driver; each ledger loads its own (an optional peer dependency) when it is made.
 */
export type { Budget, CostLedger, LedgerOptions, LedgerQuery, LedgerTotals } from "./ledger-types";
export { LedgerDriverMissingError, LedgerUnavailableError } from "./ledger-errors";
export { sqliteLedger, type SqliteLedgerOptions } from "./sqlite-ledger";
export { postgresLedger, type PostgresLedgerOptions } from "./postgres-ledger";
