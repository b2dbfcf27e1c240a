import { BudgetExceededError, InputError } from "../errors";
import { formatCost } from "../pricing";
import type { CallHook } from "./call-hooks";
import type { CallRun } from "./call-run";
import type { TrackedCall } from "./totals";

/** Throws {@link InputError} unless a budget is a finite number of dollars, 0 or more. */
export function checkBudgetUsd(name: string, value: unknown): void {
  if (value !== undefined && !(typeof value === "number" && Number.isFinite(value) && value >= 0)) {
    throw new InputError(`${name} must be a finite number of US dollars, 0 or more; got ${typeof value === "number" ? value : JSON.stringify(value)}.`);
  }
}

/**
 * A budget kept in this process (`budgetUsd`): a call is admitted only while what was spent, what
 * calls in flight have reserved and this call's worst case together stay within the budget; its
 * reservation becomes its cost when it ends, or is given back when it ends unbilled.
 */
export class MemoryBudget implements CallHook {
  private spentUsd = 0;
  private reserved = 0;
  private readonly reservations = new Map<CallRun, number>();

  constructor(private readonly budgetUsd: number) {}

  /** @inheritdoc */
  start(run: CallRun, worstCaseUsd: () => number): void {
    const { spentUsd, budgetUsd } = this;
    if (spentUsd >= budgetUsd) {
      throw new BudgetExceededError(
        `Budget exceeded: ${formatCost(spentUsd)} spent of a ${formatCost(budgetUsd)} budget. Raise budgetUsd or call tracker.reset() to continue.`,
        { spentUsd, budgetUsd },
      );
    }
    const callUsd = worstCaseUsd();
    if (spentUsd + this.reserved + callUsd > budgetUsd) {
      throw new BudgetExceededError(
        `Budget exceeded: ${formatCost(spentUsd)} spent and ${formatCost(this.reserved)} reserved by calls in flight leave less than ` +
          `this call's worst case of ${formatCost(callUsd)} in a ${formatCost(budgetUsd)} budget. ` +
          `Lower maxTokens, retry when calls in flight have ended, or raise budgetUsd.`,
        { spentUsd, budgetUsd, reservedUsd: this.reserved, callUsd },
      );
    }
    this.reservations.set(run, callUsd);
    this.reserved += callUsd;
  }

  /** @inheritdoc */
  settle(call: TrackedCall, run?: CallRun): void {
    this.spentUsd += call.cost;
    if (run !== undefined) this.release(run);
  }

  /** @inheritdoc */
  release(run: CallRun): void {
    const usd = this.reservations.get(run);
    if (usd === undefined) return;
    this.reservations.delete(run);
    // Recomputed when nothing is in flight, so rounding never leaves a residue reserved.
    this.reserved = this.reservations.size === 0 ? 0 : this.reserved - usd;
  }

  /** @inheritdoc */
  reset(): void {
    this.spentUsd = 0;
  }

  /** @inheritdoc */
  reservedUsd(): number {
    return this.reserved;
  }
}
