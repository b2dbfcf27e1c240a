import type { LLMCallResult } from "../types";

/** A call as the tracker recorded it. */
export interface TrackedCall extends LLMCallResult {
  /** A unique id of the call: the LangChain run id for chat calls seen through callbacks. */
  id: string;
  /** The LangChain run id, for chat calls seen through callbacks. */
  runId?: string;
  /** The model id the call asked for (`model` is the one that answered). */
  requestedModel?: string;
  /** The agent role (from the run's `metadata.role`, which the factory sets). */
  role?: string;
  /** The LangGraph node (from `metadata.langgraph_node`). */
  node?: string;
  /** The LangGraph thread (from `configurable.thread_id`). */
  threadId?: string;
  /**
   * Set on a call its role's fallback chain sent to a later model: the models (`<vendor>:<model>`)
   * that failed with a retryable error, or were cooling down, before it.
   */
  fellBackFrom?: string[];
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
  /** Output tokens spent reasoning, part of `tokensOutput` (a tracker always sets it). */
  tokensReasoning?: number;
  /** Calls whose model had no price (their cost is not in `costUsd`). */
  unpriced: number;
  /** Calls whose tokens were counted locally. */
  estimated: number;
  /** USD reserved against budgets by calls in flight (not yet in `costUsd`). */
  reservedUsd: number;
  byModel: Record<string, CostBucket>;
  byRole: Record<string, CostBucket>;
  byNode: Record<string, CostBucket>;
}
