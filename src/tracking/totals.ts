import type { LLMCallResult } from "../types";

/** A call as the tracker recorded it. */
export interface TrackedCall extends LLMCallResult {
  /** The LangChain run id, for chat calls seen through callbacks. */
  runId?: string;
  /** The agent role (from the run's `metadata.role`, which the factory sets). */
  role?: string;
  /** The LangGraph node (from `metadata.langgraph_node`). */
  node?: string;
  /** When the call ended. */
  at: Date;
  /** False when no price was known for the model: its cost is 0 and it counts in `unpriced`. */
  priced: boolean;
}

/** Spend and tokens of a group of calls. */
export interface CostBucket {
  costUsd: number;
  tokensInput: number;
  tokensOutput: number;
  calls: number;
}

/** Everything the tracker recorded, added up. */
export interface CostTotals extends CostBucket {
  /** Calls whose model had no price (their cost is not in `costUsd`). */
  unpriced: number;
  /** Calls whose tokens were counted locally. */
  estimated: number;
  byModel: Record<string, CostBucket>;
  byRole: Record<string, CostBucket>;
  byNode: Record<string, CostBucket>;
}

function emptyBucket(): CostBucket {
  return { costUsd: 0, tokensInput: 0, tokensOutput: 0, calls: 0 };
}

function addTo(bucket: CostBucket, call: TrackedCall): void {
  bucket.costUsd += call.cost;
  bucket.tokensInput += call.tokensInput;
  bucket.tokensOutput += call.tokensOutput;
  bucket.calls += 1;
}

function addToGroup(groups: Record<string, CostBucket>, key: string | undefined, call: TrackedCall): void {
  if (key === undefined) return;
  addTo((groups[key] ??= emptyBucket()), call);
}

/** Adds recorded calls up, overall and by model, role and node (calls without a role or node are in no group there). */
export function totalsOf(calls: readonly TrackedCall[]): CostTotals {
  const totals: CostTotals = { ...emptyBucket(), unpriced: 0, estimated: 0, byModel: {}, byRole: {}, byNode: {} };
  for (const call of calls) {
    addTo(totals, call);
    if (!call.priced) totals.unpriced += 1;
    if (call.estimated) totals.estimated += 1;
    addToGroup(totals.byModel, call.model, call);
    addToGroup(totals.byRole, call.role, call);
    addToGroup(totals.byNode, call.node, call);
  }
  return totals;
}
