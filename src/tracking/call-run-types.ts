import type { PriceList } from "../pricing";
import type { CallContext } from "./call-facts";
import type { CallRun } from "./call-run";
import type { PricedCall } from "./priced-call";

/** Who and what a call is attributed to. */
export interface CallLabels {
  /** The agent role (`metadata.role`, which the factory sets). */
  role?: string;
  /** The LangGraph node (`metadata.langgraph_node`). */
  node?: string;
  /** The LangGraph thread (`configurable.thread_id`, which LangGraph copies into `metadata.thread_id`). */
  threadId?: string;
  /** The run's whole metadata, for dimensions a ledger records. */
  metadata?: Readonly<Record<string, unknown>>;
  /** For an attempt of a role's fallback chain after its first: the models that failed (or were cooling down) before it. */
  fellBackFrom?: readonly string[];
}

/** Everything known of a call when it starts. */
export interface CallRunInit extends CallContext {
  /** The run id (LangChain's, for chat calls); default: a new UUID. */
  id?: string;
  kind?: "chat" | "embeddings";
  /** The prices of this call: its provider's, or the first tracker's that saw it. */
  prices: PriceList;
  labels?: CallLabels;
  /** The call's output limit (`maxTokens`), when it set one. */
  maxOutputTokens?: number;
  /** The call's time limit, when known. */
  timeoutMs?: number;
  /** The exact input count of the call, when its sender has one (embeddings count their texts). */
  countInput?: () => number;
  /**
   * Who ends the run: the provider that sent it (it has the answer as its consumer saw it) or,
   * for a run no provider sent (a chat model used directly), the first tracker told of its end.
   */
  endedBy: "provider" | "callbacks";
}

/**
 * Why a run ended without the whole answer it asked for: the error it failed with, or abandoned
 * (its consumer stopped reading it, or no party ended it within its time limit).
 */
export type RunFailure = { kind: "error"; error: unknown } | { kind: "abandoned" };

/**
 * A run's failure as its ender gives it: the failure, or how to make it from the bill the run ended
 * with (so the error the hooks see is the one thrown, carrying the estimate on `partial`).
 */
export type RunFailureOf = RunFailure | ((bill: PricedCall | undefined) => RunFailure);

/** A party told how a run ended: each tracker the run reached. */
export interface RunParticipant {
  /** The run ended with a bill: the one priced record, the same for every participant. A promise only when it has work left. */
  runSettled(run: CallRun, priced: PricedCall): Promise<void> | undefined;
  /** The run ended without a bill (refused, or failed before the provider accepted the request). A promise only when it has work left. */
  runReleased(run: CallRun): Promise<void> | undefined;
}
