import type { CallRun } from "../tracking/call-run";
import type { TrackedCall } from "../tracking/totals";
import type { TokenUsage } from "../types";
import { ALL_CALLS, dimensionValue } from "./dimensions";
import { utcDay } from "./time-window";

/** One call as a ledger stores it: plain JSON (it is also what the spool file holds); its tokens as {@link TokenUsage}. */
export interface LedgerRow extends TokenUsage {
  /** The call's unique id (`TrackedCall.id`): writing a row twice stores it once. */
  id: string;
  /** When the call ended, ISO 8601 UTC. */
  at: string;
  /** "chat", "embeddings", or "recorded" for a call given to `tracker.record()`. */
  kind: string;
  provider?: string;
  requestedModel?: string;
  model: string;
  role?: string;
  node?: string;
  threadId?: string;
  /** The ledger's dimensions this call has a value for. */
  dimensions: Record<string, string>;
  /** The service tier the call was priced at, when not the standard one. */
  serviceTier?: string;
  cost: number;
  estimated: boolean;
  priced: boolean;
  pricedSource?: string;
  pricedModel?: string;
  pricedChecked?: string;
  /** The service tier that served the call when it had no price of its own (priced at standard rates). */
  unpricedTier?: string;
}

/** The row of a tracked call: its attribution from the run, and the values of `dimensions` from the run's metadata. */
export function ledgerRow(call: TrackedCall, run: CallRun | undefined, dimensions: readonly string[]): LedgerRow {
  const metadata = run?.labels.metadata;
  const values: Record<string, string> = {};
  for (const name of dimensions) {
    const value = dimensionValue(metadata?.[name]);
    if (value !== undefined) values[name] = value;
  }
  const usage = call.usage;
  return {
    id: call.id,
    at: call.at.toISOString(),
    kind: run?.kind ?? "recorded",
    provider: call.provider,
    requestedModel: call.requestedModel,
    model: call.model,
    role: call.role,
    node: call.node,
    threadId: call.threadId,
    dimensions: values,
    input: usage.input,
    output: usage.output,
    cacheRead: usage.cacheRead,
    cacheWrite: usage.cacheWrite,
    reasoning: usage.reasoning,
    cacheWrite1h: usage.cacheWrite1h,
    serviceTier: call.serviceTier,
    cost: call.cost,
    estimated: call.estimated,
    priced: call.priced,
    pricedSource: call.pricedWith?.source,
    pricedModel: call.pricedWith?.model,
    pricedChecked: call.pricedWith?.checked,
    unpricedTier: call.pricedWith?.unpricedTier,
  };
}

/** A spend counter a row adds to: a dimension, its value, the UTC day. */
export interface SpendKey {
  dimension: string;
  value: string;
  day: string;
}

/**
 * The counters a row's cost is added to, in a fixed order (so concurrent writers lock them alike):
 * all calls, and each dimension the row has a value for. Budgets by model count the requested model
 * (what a call names before it is sent).
 */
export function spendKeys(row: LedgerRow): SpendKey[] {
  const day = utcDay(Date.parse(row.at));
  const values: [string, string | undefined][] = [
    [ALL_CALLS, ""],
    ["model", row.requestedModel ?? row.model],
    ["node", row.node],
    ["role", row.role],
    ["thread", row.threadId],
    ...Object.entries(row.dimensions),
  ];
  return values
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([dimension, value]) => ({ dimension, value, day }));
}
