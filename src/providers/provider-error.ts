import { LLMError, ProviderError, type ProviderErrorDetails, type ProviderErrorReason } from "../errors";
import { redactError, redactSecrets } from "../secrets/redact";
import type { LLMCallResult, ProviderName } from "../types";
import type { CallTimeout } from "./call-signal";
import { causeChain, field, connectionDropped, isRetryable, statusOf } from "./retry";
import { detachResponses, messageOf, unreadableAnswerOf, type UnreadableAnswer } from "./sdk-error-view";

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
  /** The stream had yielded chunks when it failed (a break-off is then reason "stream"). */
  midStream?: boolean;
}

/** Why an AbortSignal fired: "timeout" for AbortSignal.timeout() (LangChain's `timeout` option too). */
function abortReason(signal: AbortSignal): ProviderErrorReason {
  return field(signal.reason, "name") === "TimeoutError" ? "timeout" : "aborted";
}

function reasonOf(error: unknown, call: FailedCall, status: number | undefined, unreadable: UnreadableAnswer | undefined): ProviderErrorReason {
  if (call.timeout?.signal.aborted) return "timeout";
  if (call.signal?.aborted) return abortReason(call.signal);
  const midStream = call.midStream === true || call.partial !== undefined;
  if (connectionDropped(error)) return midStream ? "stream" : "network";
  const name = field(error, "name");
  // LangChain's Bedrock stream watchdog (streamIdleTimeout) names its error by this code.
  if (name === "TimeoutError" || field(error, "lc_error_code") === "MODEL_STREAM_TIMEOUT") return "timeout";
  if (name === "AbortError" && !midStream) return "aborted";
  if (status !== undefined && status >= 300) return "http";
  if (unreadable !== undefined) return "malformed";
  if (midStream) return "stream";
  return "network";
}

/** An error of this package (a missing secret, a budget stop, a chat model's ProviderError) that an SDK wrapped, if any. */
function ownError(error: unknown): LLMError | undefined {
  for (const current of causeChain(error)) if (current instanceof LLMError) return current;
  return undefined;
}

/** The same ProviderError (message, details, cause, stack) with some details changed, and `more` added to its message. */
export function withDetails(error: ProviderError, changes: Partial<ProviderErrorDetails>, more = ""): ProviderError {
  const { provider, model, reason, status, retryable, partial, earlierAttempts, cause } = error;
  const copy = new ProviderError(error.message + more, { provider, model, reason, status, retryable, partial, earlierAttempts, cause, ...changes });
  copy.stack = error.stack;
  return copy;
}

/** A chat model's ProviderError with the partial result that the provider's stream() estimated. */
function withPartial(error: LLMError, partial: LLMCallResult | undefined): LLMError {
  if (!(error instanceof ProviderError) || partial === undefined || error.partial !== undefined) return error;
  return withDetails(error, { partial });
}

/** An error's message, and its innermost cause's when that says more ("Connection error. (other side closed)"). */
function withRootCause(error: unknown): string {
  const root = [...causeChain(error)].at(-1);
  const inner = root === error ? "" : messageOf(root);
  return inner === "" || inner === messageOf(error) ? messageOf(error) : `${messageOf(error)} (${inner})`;
}

const ADVICE: Record<ProviderErrorReason, string> = {
  http: "see the provider's message",
  timeout: "raise timeoutMs or retry later",
  aborted: "the caller's AbortSignal cancelled the request",
  network: "check the endpoint and the network, then retry",
  stream: "the stream broke off part-way (stream() puts the estimated result of what arrived on `partial`)",
  malformed: "the response could not be read: check the endpoint (a proxy or captive portal may be answering), retry, and report it if it persists",
};

/**
 * Turns a failure from the SDK path into a {@link ProviderError} carrying provider, model, HTTP
 * status, whether a retry may help, and the original error as `cause`. Errors of this package
 * (a budget stop, bad input, a ProviderError of a chat model) pass through, a stream's `partial`
 * added. Secrets are removed from the message and the cause chain, and an AWS error's `$response`
 * (which reaches the signed request's headers through its socket) is replaced by its status and
 * headers.
 */
export function toProviderError(error: unknown, call: FailedCall): LLMError {
  const own = ownError(error);
  if (own !== undefined) return withPartial(own, call.partial);
  const unreadable = unreadableAnswerOf(error);
  const status = statusOf(error) ?? unreadable?.status;
  const reason = reasonOf(error, call, status, unreadable);
  const cause = redactError(detachResponses(error));
  const what = reason === "timeout" && call.timeout?.signal.aborted ? `timed out after ${call.timeout.ms} ms` : reason === "http" ? `failed with HTTP ${status}` : `failed (${reason})`;
  const detail = redactSecrets(reason === "malformed" && unreadable !== undefined ? unreadable.description : withRootCause(cause));
  return new ProviderError(`${call.provider} call to ${call.model} ${what}: ${detail} — ${ADVICE[reason]}.`, {
    provider: call.provider,
    model: call.model,
    reason,
    status,
    retryable: reason === "timeout" || reason === "stream" || (reason !== "aborted" && reason !== "malformed" && isRetryable(error)),
    partial: call.partial,
    cause,
  });
}
