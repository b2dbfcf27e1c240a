import type { LedgerRow } from "./ledger-row";

/** One budget a call must fit in: the spend counter it reads and its limit. */
export interface BudgetCheck {
  /** The spend dimension ("all", "role", "node", "model", "thread" or a recorded dimension) and the call's value of it. */
  dimension: string;
  value: string;
  /** Spend is counted from this UTC day on ("" for all time). */
  sinceDay: string;
  limitUsd: number;
}

/** A call asking to reserve its worst case against every budget that governs it. */
export interface ReservationRequest {
  callId: string;
  usd: number;
  /** Now and the reservation's expiry, ms since the epoch. */
  now: number;
  expiresAt: number;
  checks: readonly BudgetCheck[];
}

/** Whether the reservation was made; when not, the first budget it would pass (its index in `checks`) and what that budget holds. */
export type ReservationOutcome = { admitted: true } | { admitted: false; index: number; spentUsd: number; reservedUsd: number };

/** Whether a budget refuses a call: already spent, or no room for its worst case beside what calls in flight reserved (the in-memory budget's rule). */
export function budgetRefuses(limitUsd: number, spentUsd: number, reservedUsd: number, callUsd: number): boolean {
  return spentUsd >= limitUsd || spentUsd + reservedUsd + callUsd > limitUsd;
}

/** The totals of one group of calls as a store adds them up (`key` null: calls without a value). */
export interface GroupRow {
  key: string | null;
  calls: number;
  costUsd: number;
  tokensInput: number;
  tokensOutput: number;
  /** Part of `tokensOutput` spent on reasoning. */
  tokensReasoning: number;
  estimated: number;
  unpriced: number;
  /** Calls priced by the second price source (genai-prices). */
  secondSource: number;
  /** Calls served at a tier with no price of its own (priced at standard rates). */
  unpricedTier: number;
}

/** Which rows a query adds up: a time range and column values (columns already checked). */
export interface RowFilter {
  since?: Date;
  until?: Date;
  equals: readonly { column: string; value: string }[];
}

/**
 * What a ledger needs of a database: idempotent writes that count spend, atomic reservations and
 * queries. SQLite and PostgreSQL implement it.
 */
export interface LedgerStore {
  /** Names the store in messages ("SQLite ledger /var/…/costs.db"), without credentials. */
  readonly description: string;
  /**
   * Writes rows in one transaction: a row whose id is already there is left as it is; each new row's
   * cost is added to its spend counters; the reservations of every row's call are removed.
   */
  write(rows: readonly LedgerRow[]): Promise<void>;
  /** Checks every budget and reserves the call's worst case against them, atomically; nothing is reserved when one refuses. */
  reserve(request: ReservationRequest): Promise<ReservationOutcome>;
  /** Gives back what a call reserved. */
  release(callId: string): Promise<void>;
  /** The recorded dimensions (columns), which queries may use. */
  recordedDimensions(): Promise<string[]>;
  /** Adds up the matching rows, overall (`groupColumn` absent) or per value of a column. */
  aggregate(filter: RowFilter, groupColumn?: string): Promise<GroupRow[]>;
  /** USD held by reservations that have not expired. */
  reservedUsd(now: number): Promise<number>;
  close(): Promise<void>;
}
