import type { CostBucket, CostTotals } from "../tracking/totals";

/**
 * A spending limit that holds across every process writing to one ledger: a call is sent only
 * while what was spent in the window, what calls in flight (in any process) have reserved and the
 * call's own worst case stay within it.
 */
export interface Budget {
  /** The limit, USD (a finite number, 0 or more). */
  usd: number;
  /** What spend is counted over: the current UTC calendar day or month, or everything (default "all"). */
  window?: "day" | "month" | "all";
  /**
   * Apply the limit to each value of this dimension separately: `"role"`, `"node"` (LangGraph),
   * `"model"` (the requested model id), `"thread"` (LangGraph `thread_id`), or a metadata key the
   * ledger records (one of its `dimensions`, e.g. `"tenant"`). Calls without a value are not governed.
   * Left out, the limit applies to all calls together.
   */
  by?: "role" | "node" | "model" | "thread" | (string & {});
  /** How messages name the budget (default: the `by` dimension, or "all calls"). */
  name?: string;
}

/** Which calls of a ledger to add up. */
export interface LedgerQuery {
  /** From this instant on: a Date, an ISO date or time ("2026-12-01", "2026-12-01T08:00:00Z"), or a duration back from now ("24h", "7d", "30m"). */
  since?: Date | string;
  /** Before this instant (same forms as `since`). */
  until?: Date | string;
  /**
   * Only calls with these values: keys `role`, `node`, `model` (answered), `requestedModel`,
   * `thread`, `provider`, `kind`, or a recorded dimension (e.g. `{ tenant: "acme" }`).
   */
  where?: Record<string, string>;
  /** Also group by this key (same keys as `where`): `groups` in totals, a table of its own in the report. */
  by?: string;
}

/** The totals of a ledger query: the shape of `tracker.totals()`, plus `groups` when the query has `by`. */
export interface LedgerTotals extends CostTotals {
  /** By the query's `by` key, calls without a value for it left out. */
  groups?: Record<string, CostBucket>;
}

/** Durable books of every call, kept in a store that many processes share. */
export interface CostLedger {
  /** The calls matching the query, added up; `reservedUsd` is what calls in flight hold reserved now, in every process. */
  totals(query?: LedgerQuery): Promise<LedgerTotals>;
  /** The same table as `tracker.report()`, over the calls matching the query (and a table by its `by` key). */
  report(query?: LedgerQuery): Promise<string>;
  /** Writes what is still pending, replays the spool if the store answers, and closes the connection. */
  close(): Promise<void>;
}

/** Options both ledgers take. */
export interface LedgerOptions {
  /**
   * Metadata keys recorded as columns of their own, for `where`, `by` and budgets (e.g. `["tenant"]`):
   * a name of letters, digits and underscores, not one of the built-in keys.
   */
  dimensions?: string[];
  /**
   * Where rows go when the store cannot take them (after retries), to be replayed once it answers
   * again: a folder (default: the process's working directory).
   */
  spoolDir?: string;
}
