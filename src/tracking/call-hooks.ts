import type { CallRun } from "./call-run";
import type { TrackedCall } from "./totals";

/**
 * What takes part in every call a tracker sees, beside the tracker's own books: a budget, a
 * durable ledger, telemetry. A tracker runs its hooks in order.
 */
export interface CallHook {
  /**
   * A call is about to be sent. Throwing refuses it before any request (a budget's
   * `BudgetExceededError`); `worstCaseUsd()` is the most the call can cost (computed on demand).
   */
  start?(run: CallRun, worstCaseUsd: () => number): void | Promise<void>;
  /** A call ended with a bill (`run` is absent for a call recorded with `tracker.record()`). */
  settle?(call: TrackedCall, run?: CallRun): void | Promise<void>;
  /** A started call ended without a bill (refused, or failed before the provider accepted it). */
  release?(run: CallRun): void | Promise<void>;
  /** The tracker was reset: forget what was spent. */
  reset?(): void;
  /** USD this hook holds reserved for calls in flight. */
  reservedUsd?(): number;
}
