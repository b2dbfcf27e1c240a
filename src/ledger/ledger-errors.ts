import { ConfigurationError, LLMError } from "../errors";

/** A ledger's database driver (an optional peer dependency) is not installed, or does not load. */
export class LedgerDriverMissingError extends ConfigurationError {
  /** The npm package to install. */
  readonly driver: string;

  constructor(message: string, details: { driver: string; cause?: unknown }) {
    super(message, { cause: details.cause });
    this.driver = details.driver;
  }
}

/**
 * The ledger's store could not be reached to check a budget, so the call was refused before any
 * request (budgets fail closed; `budgetsFailOpen: true` sends such calls anyway).
 */
export class LedgerUnavailableError extends LLMError {
  /** The budget that governs the refused call (e.g. "tenant acme: $5.0000 a day"). */
  readonly budget: string;

  constructor(message: string, details: { budget: string; cause?: unknown }) {
    super(message, { cause: details.cause });
    this.budget = details.budget;
  }
}

/**
 * The first line of an error's message. Read from the value rather than by `instanceof Error`: a
 * driver's native module (better-sqlite3's SqliteError) may build its errors on another realm's Error.
 */
export function firstLineOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return (typeof message === "string" ? message : String(error)).split("\n")[0]!;
}
