import { InputError } from "../errors";
import { formatCost } from "../pricing";
import type { CallRun } from "../tracking/call-run";
import { checkBudgetUsd } from "../tracking/memory-budget";
import { ALL_CALLS, dimensionValue } from "./dimensions";
import type { Budget } from "./ledger-types";
import type { BudgetWindow } from "./time-window";

const WINDOWS: readonly BudgetWindow[] = ["day", "month", "all"];
/** The run labels a budget can be kept by, besides the ledger's dimensions. */
const RUN_KEYS = ["role", "node", "model", "thread"];

/**
 * Checks the `budgets` option against the dimensions the ledger records.
 * @throws InputError for a budget that is not `{ usd, window?, by?, name? }` with a known window and key.
 */
export function checkBudgets(budgets: unknown, dimensions: readonly string[]): readonly Budget[] {
  if (budgets === undefined) return [];
  if (!Array.isArray(budgets)) throw new InputError(`budgets must be a list, e.g. [{ usd: 5, window: "day", by: "tenant" }]; got ${JSON.stringify(budgets)}.`);
  budgets.forEach((budget: Budget, index) => {
    if (typeof budget !== "object" || budget === null) throw new InputError(`budgets[${index}] must be an object like { usd: 5, window: "day" }.`);
    if (budget.usd === undefined) throw new InputError(`budgets[${index}] needs usd: its limit in US dollars.`);
    checkBudgetUsd(`budgets[${index}].usd`, budget.usd);
    if (budget.window !== undefined && !WINDOWS.includes(budget.window)) {
      throw new InputError(`budgets[${index}].window must be "day", "month" or "all" (UTC calendar periods); got ${JSON.stringify(budget.window)}.`);
    }
    if (budget.by !== undefined && !(typeof budget.by === "string" && (RUN_KEYS.includes(budget.by) || dimensions.includes(budget.by)))) {
      throw new InputError(
        `budgets[${index}].by must be ${RUN_KEYS.join(", ")} or a dimension the ledger records; ${JSON.stringify(budget.by)} is none ` +
          `(recorded: ${dimensions.length === 0 ? "none" : dimensions.join(", ")}): add it to the ledger's dimensions, e.g. sqliteLedger({ path, dimensions: ["${String(budget.by)}"] }).`,
      );
    }
    if (budget.name !== undefined && typeof budget.name !== "string") throw new InputError(`budgets[${index}].name must be a string.`);
  });
  return budgets as Budget[];
}

/** The spend dimension a budget reads: "all" for a budget of all calls, else its `by` key. */
export function spendDimension(budget: Budget): string {
  return budget.by ?? ALL_CALLS;
}

/** The run's value of a budget's dimension ("" for a budget of all calls); undefined when the budget does not govern the run. */
export function governedValue(budget: Budget, run: CallRun): string | undefined {
  switch (budget.by) {
    case undefined:
      return "";
    case "role":
      return run.labels.role;
    case "node":
      return run.labels.node;
    case "thread":
      return run.labels.threadId;
    case "model":
      return run.requestedModel;
    default:
      return dimensionValue(run.labels.metadata?.[budget.by]);
  }
}

const PER_WINDOW: Record<BudgetWindow, string> = { day: "a day", month: "a month", all: "in all" };
/** How spend within a window is spoken of. */
export const SPENT_WITHIN: Record<BudgetWindow, string> = { day: "today (UTC)", month: "this month (UTC)", all: "in all" };

/** A budget as messages name it, with the value it applies to: "tenant acme: $5.0000 a day", "all calls: $100.0000 a month". */
export function budgetLabel(budget: Budget, value: string): string {
  const subject = budget.by === undefined ? (budget.name ?? "all calls") : `${budget.name ?? budget.by} ${value}`;
  return `${subject}: ${formatCost(budget.usd)} ${PER_WINDOW[budget.window ?? "all"]}`;
}
