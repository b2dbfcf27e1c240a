import { InputError } from "../errors";
import type { Budget, CostLedger } from "../ledger/ledger-types";
import type { PricingTable } from "../pricing";
import { checkTelemetryOption, type TelemetryOption } from "../telemetry";
import { checkBudgetUsd } from "./memory-budget";
import type { TrackedCall } from "./totals";

/** Options of a `CostTracker`. */
export interface CostTrackerOptions {
  /** Prices merged over the built-in table (USD per 1M tokens). */
  pricing?: PricingTable;
  /**
   * A budget, USD (a finite number, 0 or more): a call is sent only while spend, what calls in
   * flight have reserved and its own worst case stay within it; else `BudgetExceededError` before any request.
   */
  budgetUsd?: number;
  /**
   * Output tokens reserved against budgets for a call that sets no `maxTokens` (default
   * {@link DEFAULT_RESERVE_OUTPUT_TOKENS}). With `maxTokens` set, spend never passes a budget.
   */
  reserveOutputTokens?: number;
  /** How many of the most recent calls `calls` keeps (default {@link DEFAULT_MAX_CALLS}; `Infinity` keeps all). */
  maxCalls?: number;
  /** Keep each call's `raw` (the provider's response) on tracked calls (default false). */
  keepRaw?: boolean;
  /** Called once for every recorded call; an error it throws is reported and changes nothing. */
  onResult?: (call: TrackedCall) => void;
  /**
   * OpenTelemetry spans and metrics for every call (needs `@opentelemetry/api`): `true` for the
   * global providers, or `{ tracerProvider?, meterProvider?, captureContent? }`. Off by default.
   * See docs/telemetry.md.
   */
  telemetry?: TelemetryOption;
  /**
   * Durable books that many processes share (`sqliteLedger(…)`, `postgresLedger(…)`): every billed
   * call is a row, committed before `invoke()` / `stream()` / `embed()` returns.
   */
  ledger?: CostLedger;
  /** Budgets kept in the `ledger`, so that they hold across every process writing to it. */
  budgets?: Budget[];
  /**
   * When the ledger's store cannot be reached, send calls a budget governs anyway (default false:
   * they are refused with `LedgerUnavailableError` before any request).
   */
  budgetsFailOpen?: boolean;
}

/** `calls` keeps this many of the most recent calls unless told otherwise. */
export const DEFAULT_MAX_CALLS = 1000;

/** Every chat call's time limit unless it sets its own (the providers' default). */
export const DEFAULT_CALL_LIMIT_MS = 10 * 60_000;

/**
 * A run no party ended (a stream its consumer stopped reading outside a provider, which LangChain
 * reports neither as ended nor as failed) is closed as estimated this long after its time limit;
 * a ledger's reservation of a process that died expires as long after it.
 */
export const ABANDONED_GRACE_MS = 60_000;

/** Output tokens a call without `maxTokens` reserves against a budget unless told otherwise. */
export const DEFAULT_RESERVE_OUTPUT_TOKENS = 1000;

function isWholeNumber(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/** Refuses bad options at construction, with what to pass instead. */
export function checkTrackerOptions(options: CostTrackerOptions): void {
  if (typeof options !== "object" || options === null) throw new InputError("CostTracker options must be an object, e.g. { budgetUsd: 5 }.");
  checkBudgetUsd("budgetUsd", options.budgetUsd);
  if (options.reserveOutputTokens !== undefined && !isWholeNumber(options.reserveOutputTokens)) {
    throw new InputError(`reserveOutputTokens must be a whole number of tokens, 0 or more; got ${String(options.reserveOutputTokens)}.`);
  }
  if (options.maxCalls !== undefined && !(isWholeNumber(options.maxCalls) || options.maxCalls === Infinity)) {
    throw new InputError(`maxCalls must be a whole number, 0 or more, or Infinity; got ${String(options.maxCalls)}.`);
  }
  if (options.onResult !== undefined && typeof options.onResult !== "function") throw new InputError("onResult must be a function of the recorded call.");
  checkTelemetryOption(options.telemetry);
  if (options.budgets !== undefined && options.ledger === undefined) {
    throw new InputError("budgets are kept in a ledger, shared by every process: pass ledger: sqliteLedger({ path }) (or postgresLedger) with them, or use budgetUsd for a budget of this process alone.");
  }
}
