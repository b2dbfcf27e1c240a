import { LLMError, ProviderError, type ProviderErrorReason } from "../errors";
import type { LLMCallResult, ProviderName } from "../types";
import type { CallTimeout } from "./call-signal";
import { causeChain, isRetryable, statusOf } from "./retry";

/** Who was called, for the error's message and fields. */
export interface FailedCall {
  provider: ProviderName;
  model: string;
  /** The timeout signal of the call, to tell a timeout from a caller's abort. */
  timeout?: CallTimeout;
  /** The caller's signal: an abort is "aborted" only when the caller cancelled. */
  signal?: AbortSignal;
  /** The estimated result of what arrived before a stream failed. */
  partial?: LLMCallResult;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0] ?? "" : String(error);
}

function reasonOf(error: unknown, call: FailedCall, status: number | undefined): ProviderErrorReason {
  if (call.timeout?.signal.aborted) return "timeout";
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError") return "timeout";
  if (call.signal?.aborted || (name === "AbortError" && call.partial === undefined)) return "aborted";
  if (error instanceof SyntaxError || /checksum|unexpected token|unexpected end of JSON|invalid JSON/i.test(messageOf(error))) return "malformed";
  if (status !== undefined && status >= 300) return "http";
  if (call.partial !== undefined) return "stream";
  return "network";
}

/** An error of this package (a missing secret, a budget stop) that an SDK wrapped, if any. */
function ownError(error: unknown): LLMError | undefined {
  for (const current of causeChain(error)) if (current instanceof LLMError) return current;
  return undefined;
}

const ADVICE: Record<ProviderErrorReason, string> = {
  http: "see the provider's message",
  timeout: "raise timeoutMs or retry later",
  aborted: "the caller's AbortSignal cancelled the request",
  network: "check the endpoint and the network, then retry",
  stream: "the stream broke off; the partial result is on `partial` (estimated)",
  malformed: "the provider's response could not be read; retry, and report it if it persists",
};

/**
 * Turns a failure from the SDK path into a {@link ProviderError} carrying provider, model, HTTP
 * status, whether a retry may help, and the original error as `cause`. Errors of this package
 * (a budget stop, bad input) pass through unchanged.
 */
export function toProviderError(error: unknown, call: FailedCall): LLMError {
  const own = ownError(error);
  if (own !== undefined) return own;
  const status = statusOf(error);
  const reason = reasonOf(error, call, status);
  const what = reason === "timeout" && call.timeout ? `timed out after ${call.timeout.ms} ms` : reason === "http" ? `failed with HTTP ${status}` : `failed (${reason})`;
  return new ProviderError(`${call.provider} call to ${call.model} ${what}: ${messageOf(error)} — ${ADVICE[reason]}.`, {
    provider: call.provider,
    model: call.model,
    reason,
    status,
    retryable: reason === "timeout" || reason === "stream" || (reason !== "aborted" && isRetryable(error)),
    partial: call.partial,
    cause: error,
  });
}
