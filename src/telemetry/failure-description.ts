import { ProviderError } from "../errors";
import type { RunFailure } from "../tracking/call-run";
import { ABANDONED_ERROR_TYPE } from "./telemetry-names";

/** A failure as a span and a metric report it. */
export interface FailureDescription {
  /** `error.type`: a low-cardinality name of what went wrong. */
  type: string;
  /** The span status message. */
  message: string;
  /** The error itself, recorded as the span's exception event. */
  error?: Error;
}

/**
 * `error.type` of a failure: the HTTP status of a provider's HTTP error (`"429"`), the reason of
 * any other `ProviderError` (`timeout`, `aborted`, `network`, `stream`, `malformed`), the name or
 * class of other errors (`BudgetExceededError`, an SDK's `InternalServerError`), or `abandoned`.
 */
export function describeFailure(failure: RunFailure): FailureDescription {
  if (failure.kind === "abandoned") {
    return { type: ABANDONED_ERROR_TYPE, message: "The call was abandoned: its consumer stopped reading it, or it never ended." };
  }
  const { error } = failure;
  if (error instanceof ProviderError) {
    return { type: error.reason === "http" && error.status !== undefined ? String(error.status) : error.reason, message: error.message, error };
  }
  // The error's own name, or its class where the name says only "Error" (the openai SDK's errors).
  if (error instanceof Error) return { type: error.name !== "Error" && error.name !== "" ? error.name : error.constructor.name, message: error.message, error };
  return { type: "_OTHER", message: String(error) };
}
