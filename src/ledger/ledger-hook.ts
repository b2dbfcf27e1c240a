import { BudgetExceededError, InputError } from "../errors";
import { formatCost } from "../pricing";
import type { CallHook } from "../tracking/call-hooks";
import type { CallRun } from "../tracking/call-run";
import type { TrackedCall } from "../tracking/totals";
import { ABANDONED_GRACE_MS, DEFAULT_CALL_LIMIT_MS } from "../tracking/tracker-options";
import { budgetLabel, checkBudgets, governedValue, SPENT_WITHIN, spendDimension } from "./budget-rules";
import { Ledger } from "./ledger";
import { firstLineOf, LedgerUnavailableError } from "./ledger-errors";
import { ledgerRow } from "./ledger-row";
import type { BudgetCheck, RowWritten } from "./ledger-store";
import type { Budget, CostLedger } from "./ledger-types";
import { windowStartDay } from "./time-window";

/** What a tracker asks of its ledger. */
export interface LedgerHookOptions {
  budgets?: readonly Budget[];
  /** Send a call a budget governs even when the store cannot be reached to check it (default: refuse it). */
  failOpen?: boolean;
}

/** A budget that governs a call, with the call's value of its dimension. */
interface Governing {
  budget: Budget;
  value: string;
}

/**
 * A tracker's ledger as a {@link CallHook}: each billed call becomes a row, committed (or spooled)
 * before the call returns; budgets hold each call's worst case in the store (a reservation, or room
 * in the process's lease), atomically across processes, before it is sent, and it turns into the
 * call's cost in the same transaction as its row. What a process that died held expires after its
 * calls' time limit.
 */
export class LedgerHook implements CallHook {
  private readonly ledger: Ledger;
  private readonly budgets: readonly Budget[];
  private readonly failOpen: boolean;
  private readonly reservations = new Map<string, number>();
  private reserved = 0;
  private warnedOpen = false;

  constructor(ledger: CostLedger, options: LedgerHookOptions = {}) {
    if (!(ledger instanceof Ledger)) throw new InputError("ledger must be made by sqliteLedger({ path }) or postgresLedger({ connectionString }).");
    this.ledger = ledger;
    this.budgets = checkBudgets(options.budgets, ledger.dimensions);
    this.failOpen = options.failOpen ?? false;
  }

  /** @inheritdoc */
  async start(run: CallRun, worstCaseUsd: () => number): Promise<void> {
    const governing: Governing[] = [];
    for (const budget of this.budgets) {
      const value = governedValue(budget, run);
      if (value !== undefined) governing.push({ budget, value });
    }
    if (governing.length === 0) return;
    // One order for every process (by dimension, then value): stores that lock budgets one by one never deadlock.
    governing.sort((a, b) => compare(spendDimension(a.budget), spendDimension(b.budget)) || compare(a.value, b.value));
    const usd = worstCaseUsd();
    const now = Date.now();
    const checks: BudgetCheck[] = governing.map(({ budget, value }) => ({
      dimension: spendDimension(budget),
      value,
      sinceDay: windowStartDay(budget.window ?? "all", now),
      limitUsd: budget.usd,
    }));
    const expiresAt = now + (run.timeoutMs ?? DEFAULT_CALL_LIMIT_MS) + ABANDONED_GRACE_MS;
    let outcome;
    try {
      outcome = await this.ledger.budgets.admit({ callId: run.id, usd, now, expiresAt, checks });
    } catch (error) {
      return this.unavailable(error, governing[0]!);
    }
    if (!outcome.admitted) throw refusal(governing[outcome.index]!, outcome, usd, this.ledger.budgets.holders);
    this.reservations.set(run.id, usd);
    this.reserved += usd;
  }

  /** @inheritdoc */
  async settle(call: TrackedCall, run?: CallRun): Promise<void> {
    this.forget(call.id); // the row's write removes the reservation in the store, or its room from the leases
    const { budgets } = this.ledger;
    let written: RowWritten = "lost";
    try {
      written = await this.ledger.writer.write(ledgerRow(call, run, this.ledger.dimensions), budgets.debitsOf(call.id));
    } finally {
      budgets.settled(call.id, written);
    }
  }

  /** @inheritdoc */
  async release(run: CallRun): Promise<void> {
    if (this.forget(run.id)) await this.ledger.budgets.released(run.id);
  }

  /** @inheritdoc */
  reservedUsd(): number {
    return this.reserved;
  }

  private forget(id: string): boolean {
    const usd = this.reservations.get(id);
    if (usd === undefined) return false;
    this.reservations.delete(id);
    this.reserved = this.reservations.size === 0 ? 0 : this.reserved - usd;
    return true;
  }

  private unavailable(error: unknown, first: Governing): void {
    const reason = firstLineOf(error);
    const label = budgetLabel(first.budget, first.value);
    if (this.failOpen) {
      if (!this.warnedOpen) console.warn(`CostTracker: the cost ledger (${this.ledger.store.description}) cannot be reached (${reason}); budgetsFailOpen is set, so calls are sent unchecked until it answers.`);
      this.warnedOpen = true;
      return;
    }
    throw new LedgerUnavailableError(
      `The cost ledger (${this.ledger.store.description}) could not be reached to check the budget ${label} (${reason}); the call was not sent. ` +
        `Bring the store back, or pass budgetsFailOpen: true to send calls while it is away.`,
      { budget: label, cause: error },
    );
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function refusal({ budget, value }: Governing, { spentUsd, reservedUsd }: { spentUsd: number; reservedUsd: number }, callUsd: number, holders: string): BudgetExceededError {
  const label = budgetLabel(budget, value);
  const window = budget.window ?? "all";
  const spent = `${formatCost(spentUsd)} spent ${SPENT_WITHIN[window]}`;
  const wait = window === "all" ? "" : `, wait for the next UTC ${window}`;
  const message =
    spentUsd >= budget.usd
      ? `Budget exceeded: ${label}, ${spent}. Raise the budget${wait}.`
      : `Budget exceeded: ${label}, ${spent} and ${formatCost(reservedUsd)} reserved by ${holders} (in every process) leave less than ` +
        `this call's worst case of ${formatCost(callUsd)}. Lower maxTokens, retry when calls in flight have ended${wait}, or raise the budget.`;
  return new BudgetExceededError(message, { spentUsd, budgetUsd: budget.usd, reservedUsd, callUsd, budget: label });
}
