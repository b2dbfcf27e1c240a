import type { CallHook } from "./call-hooks";
import type { CallRun } from "./call-run";
import { RecentCalls } from "./recent-calls";
import { RunningTotals } from "./running-totals";
import type { TrackedCall } from "./totals";

/** Says, once, that a hook failed after a call was billed: the call stays recorded and returned. */
function warnOf(hook: string, error: unknown): void {
  console.warn(`CostTracker: ${hook} threw (${error instanceof Error ? error.message : String(error)}); the call is recorded and its result returned.`);
}

/**
 * A tracker's books: the most recent calls, the running totals, and the parties told of every
 * billed call (the hooks' `settle`, then `onResult`).
 */
export class TrackerBooks {
  /** The most recent calls, at most the tracker's `maxCalls`. */
  readonly recent: RecentCalls<TrackedCall>;
  readonly running = new RunningTotals();

  constructor(
    maxCalls: number,
    private readonly hooks: readonly CallHook[],
    private readonly onResult?: (call: TrackedCall) => void,
  ) {
    this.recent = new RecentCalls(maxCalls);
  }

  /**
   * Adds a billed call to the books and tells the hooks and `onResult`, at once: only hooks that
   * work asynchronously (a durable ledger) leave something to wait for.
   */
  book(call: TrackedCall, run: CallRun | undefined): Promise<void> | undefined {
    this.recent.push(call);
    this.running.add(call);
    let pending: Promise<void>[] | undefined;
    for (const hook of this.hooks) {
      const settling = hook.settle?.(call, run);
      if (settling !== undefined) (pending ??= []).push(settling.catch((error: unknown) => warnOf("a hook's settle", error)));
    }
    this.tellOnResult(call);
    return pending === undefined ? undefined : Promise.all(pending).then(() => undefined);
  }

  /** Forgets every recorded call. */
  clear(): void {
    this.recent.clear();
    this.running.reset();
  }

  private tellOnResult(call: TrackedCall): void {
    if (this.onResult === undefined) return;
    try {
      this.onResult(call);
    } catch (error) {
      // The call was billed and is in the books: a failing hook must not turn it into a failure.
      warnOf("the onResult hook", error);
    }
  }
}
