import { firstLineOf, LedgerDriverMissingError } from "./ledger-errors";

/** The database drivers the ledgers use, each an optional peer dependency, and the version to install. */
const DRIVERS = { "better-sqlite3": "better-sqlite3@12", pg: "pg" } as const;

/** A driver's npm name. */
export type DriverName = keyof typeof DRIVERS;

function isNotFound(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === "MODULE_NOT_FOUND" && typeof message === "string" && message.includes(`'${name}'`);
}

function requireDriver(name: DriverName): unknown {
  // Loaded only when a ledger of that kind is made, never at import (both are optional peers).
  /* eslint-disable @typescript-eslint/no-require-imports */
  return name === "pg" ? require("pg") : require("better-sqlite3");
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/**
 * Loads a ledger's database driver.
 * @throws LedgerDriverMissingError saying what to install when it is missing, or to rebuild it when it does not load.
 */
export function loadDriver<T>(name: DriverName, ledger: string): T {
  try {
    return requireDriver(name) as T;
  } catch (error) {
    const reason = firstLineOf(error);
    const message = isNotFound(error, name)
      ? `${ledger} needs the database driver ${name}, an optional peer dependency of @orchestratai/llm that is not installed: run npm install ${DRIVERS[name]}.`
      : `${ledger} needs the database driver ${name}, which is installed but did not load (${reason}): reinstall or rebuild it for this Node version (npm rebuild ${name}).`;
    throw new LedgerDriverMissingError(message, { driver: name, cause: error });
  }
}
