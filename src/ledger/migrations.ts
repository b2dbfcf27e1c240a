import { ConfigurationError } from "../errors";
import { TABLES } from "./ledger-columns";

/** The statements of each schema version, oldest first: version N is `migrations[N - 1]`. */
export type Migrations = readonly (readonly string[])[];

/** The table that records each schema version applied, and when. */
export const SCHEMA_TABLE_DDL = `CREATE TABLE IF NOT EXISTS ${TABLES.schema} (version INTEGER NOT NULL, applied_at TEXT NOT NULL)`;

/**
 * The migrations a store at schema version `current` still needs, each with the version it brings.
 * @throws ConfigurationError when the store is newer than this package.
 */
export function pendingMigrations(current: number, migrations: Migrations, store: string): { version: number; statements: readonly string[] }[] {
  if (current > migrations.length) {
    throw new ConfigurationError(
      `The ${store} has ledger schema version ${current}, newer than this version of @orchestratai/llm knows (${migrations.length}): upgrade @orchestratai/llm in this process.`,
    );
  }
  return migrations.slice(current).map((statements, index) => ({ version: current + index + 1, statements }));
}

/** The statements that add a dimension's column and its index. */
export function dimensionColumnDdl(column: string): string[] {
  return [`ALTER TABLE ${TABLES.calls} ADD COLUMN "${column}" TEXT`, `CREATE INDEX IF NOT EXISTS ${TABLES.calls}_${column} ON ${TABLES.calls} ("${column}", at)`];
}
