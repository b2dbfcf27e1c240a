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

/**
 * A process renewing its budget leases for a call that its leases in hand have no room for: each
 * check's lease is set to what the process has in flight against it, plus the call, plus spare room
 * (at most `spareUsd`) for the process's next calls, when the budget has room for all that.
 */
export interface LeaseRequest {
  /** The lease of each check (one per process, budget and window). */
  leaseIds: readonly string[];
  /** The call's worst case. */
  usd: number;
  /** What the process has in flight against each check's lease (without this call). */
  inFlightUsd: readonly number[];
  /** The most spare room a lease may hold beyond the process's calls. */
  spareUsd: number;
  now: number;
  /** The leases' expiry, ms since the epoch. */
  expiresAt: number;
  checks: readonly BudgetCheck[];
}

/**
 * The leases granted (each check's new amount) or, as for a reservation, the first budget that
 * refused the call; a refused process's leases are cut back to what it has in flight.
 */
export type LeaseOutcome = { admitted: true; grantedUsd: number[] } | { admitted: false; index: number; spentUsd: number; reservedUsd: number };

/** What a billed call's row takes off the lease it was admitted under: its worst case, once, when the row is new. */
export interface LeaseDebit {
  callId: string;
  leaseId: string;
  dimension: string;
  value: string;
  usd: number;
}

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
 * What a ledger needs of a database: idempotent writes that count spend, atomic budget checks and
 * queries. SQLite and PostgreSQL implement it; each keeps budgets its own way (a
 * {@link ReservingStore} or a {@link LeasingStore}).
 */
interface StoreBase {
  /** Names the store in messages ("SQLite ledger /var/…/costs.db"), without credentials. */
  readonly description: string;
  /**
   * Writes rows in one transaction: a row whose id is already there is left as it is; each new row's
   * cost is added to its spend counters; the reservations of every row's call are removed, and
   * the leases `debits` name for a new row give up the room it was admitted with.
   */
  write(rows: readonly LedgerRow[], debits?: readonly LeaseDebit[]): Promise<void>;
  /** The recorded dimensions (columns), which queries may use. */
  recordedDimensions(): Promise<string[]>;
  /** Adds up the matching rows, overall (`groupColumn` absent) or per value of a column. */
  aggregate(filter: RowFilter, groupColumn?: string): Promise<GroupRow[]>;
  /** USD held by reservations (and leases) that have not expired. */
  reservedUsd(now: number): Promise<number>;
  close(): Promise<void>;
}

/** A store that reserves each call against its budgets (SQLite, where a transaction costs a call little). */
export interface ReservingStore extends StoreBase {
  /** Checks every budget and reserves the call's worst case against them, atomically; nothing is reserved when one refuses. */
  reserve(request: ReservationRequest): Promise<ReservationOutcome>;
  /** Gives back what a call reserved. */
  release(callId: string): Promise<void>;
}

/**
 * A store that keeps budgets with leases (PostgreSQL, where a round trip costs a call more than a
 * little): a process holds room for several calls and admits them without asking the store.
 */
export interface LeasingStore extends StoreBase {
  /** Renews a process's leases for a call, atomically: all of them, or none when a budget refuses. */
  lease(request: LeaseRequest): Promise<LeaseOutcome>;
  /** Gives leases back, each down to what the process still has in flight against it (nothing: the lease is deleted). */
  returnLeases(leases: readonly { leaseId: string; keepUsd: number }[]): Promise<void>;
}

/** A ledger's database. */
export type LedgerStore = ReservingStore | LeasingStore;

/** Where a call's row went: into the store, to the spool (the store away), or nowhere (the spool failed too). */
export type RowWritten = "committed" | "spooled" | "lost";

/** How a ledger admits the calls its budgets govern, and hears how they end. */
export interface BudgetKeeper {
  /** What holds room in the store, as a refusal names it ("calls in flight"). */
  readonly holders: string;
  /** Checks the call against its budgets and holds its worst case, or says which budget refuses it. */
  admit(request: ReservationRequest): Promise<ReservationOutcome>;
  /** What the call's row takes off budget leases, to be written with it. */
  debitsOf(callId: string): LeaseDebit[] | undefined;
  /** The call's row was written, spooled or lost. */
  settled(callId: string, written: RowWritten): void;
  /** Spooled rows of these calls reached the store. */
  replayed(callIds: readonly string[]): void;
  /** The call ended unbilled. */
  released(callId: string): Promise<void> | undefined;
  /** Gives back what the process holds (the ledger closes). */
  close(): Promise<void>;
}
