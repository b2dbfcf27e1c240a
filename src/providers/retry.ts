/**
 * The retry policy, applied in exactly one layer per request. OpenAI: LangChain's `AsyncCaller`
 * (ChatOpenAI and the embeddings provider call through it; ChatOpenAI builds its openai client with
 * `maxRetries: 0`) with {@link onFailedAttempt}. Bedrock: `ChatBedrockConverse` calls
 * `client.send()` directly, never its caller, so the AWS client's retry strategy
 * (`bedrock/bedrock-retry.ts`) is that layer, with the same policy and backoff.
 */
import { UnreadableAnswerError } from "./unreadable-answer";
import { VENDORS } from "./vendors";

/** Statuses worth sending again: timeouts, conflicts, rate limits and server errors. */
const RETRYABLE_STATUS = new Set([408, 409, 429, 500, 502, 503, 504]);
/** SDK error names that are retryable whatever the status, as the vendors' descriptors list them (AWS's `ThrottlingException`). */
const RETRYABLE_ERROR_NAMES = new Set<string>(VENDORS.flatMap((vendor) => vendor.errors.retryableNames ?? []));
/** `error.code` values that make a retryable status final, as the descriptors list them (OpenAI's `insufficient_quota`). */
const FINAL_ERROR_CODES = new Set<string>(VENDORS.flatMap((vendor) => vendor.errors.finalCodes ?? []));
/** Socket-level failures that a new connection may not see. */
const RETRYABLE_NETWORK_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET", "EAI_AGAIN"]);
/** Codes of a connection the other side dropped (undici: "other side closed"). */
const DROPPED_CONNECTION_CODES = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"]);
/** The longest `retry-after` this package waits; a longer one ends the call at once. */
export const MAX_RETRY_AFTER_MS = 30_000;

/** `value[key]` when `value` is an object (an error's field, say), else undefined. */
export function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** The HTTP status of a failure from either SDK, if it has one. */
export function statusOf(error: unknown): number | undefined {
  const status = field(error, "status") ?? field(field(error, "$metadata"), "httpStatusCode") ?? field(error, "statusCode");
  return typeof status === "number" ? status : undefined;
}

function header(error: unknown, name: string): string | undefined {
  const headers = field(error, "headers") ?? field(field(error, "$response"), "headers");
  const get = field(headers, "get");
  const value = typeof get === "function" ? (get as (key: string) => unknown).call(headers, name) : field(headers, name);
  return typeof value === "string" ? value : undefined;
}

/** An error and the errors down its `cause` chain, five at most. */
export function* causeChain(error: unknown): Generator<unknown> {
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 5; current = field(current, "cause"), depth++) yield current;
}

/** A network failure's code, looked for on the error and down its `cause` chain. */
function networkCode(error: unknown): string | undefined {
  for (const current of causeChain(error)) {
    const code = field(current, "code");
    if (typeof code === "string" && RETRYABLE_NETWORK_CODES.has(code)) return code;
  }
  return undefined;
}

/**
 * Whether the connection dropped under the request (ECONNRESET, EPIPE, "socket hang up"), looked
 * for on the error and down its `cause` chain. A stale keep-alive socket is the usual cause. The
 * AWS SDK names these errors `TimeoutError`, although nothing timed out.
 */
export function connectionDropped(error: unknown): boolean {
  for (const current of causeChain(error)) {
    const code = field(current, "code");
    if (typeof code === "string" && DROPPED_CONNECTION_CODES.has(code)) return true;
    // By message too: the AWS SDK may rethrow it as "AWS SDK error wrapper for TimeoutError: read ECONNRESET".
    if (/socket hang up|\bECONNRESET\b|\bEPIPE\b/.test(String(field(current, "message")))) return true;
  }
  return false;
}

/** How long the server asked to wait: `retry-after-ms` first, then `retry-after` (seconds or a date). */
export function retryAfterMs(error: unknown): number | undefined {
  const ms = Number(header(error, "retry-after-ms"));
  if (header(error, "retry-after-ms") !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const after = header(error, "retry-after");
  if (after === undefined) return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Whether a failed request may succeed if sent again. */
export function isRetryable(error: unknown): boolean {
  for (const current of causeChain(error)) if (current instanceof UnreadableAnswerError) return false;
  if (connectionDropped(error)) return true;
  const name = field(error, "name");
  if (name === "AbortError" || name === "TimeoutError") return false;
  if (typeof name === "string" && RETRYABLE_ERROR_NAMES.has(name)) return true;
  const status = statusOf(error);
  if (status !== undefined) return RETRYABLE_STATUS.has(status) && !FINAL_ERROR_CODES.has(String(field(field(error, "error"), "code")));
  return networkCode(error) !== undefined || field(error, "name") === "APIConnectionError" || /connection error/i.test(String(field(error, "message")));
}

/**
 * The policy's verdict on a failed attempt: throws the failure when it is not retryable or the
 * server asks for a wait longer than {@link MAX_RETRY_AFTER_MS}; otherwise returns the wait the
 * server asked for, if any (the caller's backoff applies when it is longer).
 */
export function retryWaitMs(error: unknown): number | undefined {
  if (!isRetryable(error)) throw error;
  const wait = retryAfterMs(error);
  if (wait !== undefined && wait > MAX_RETRY_AFTER_MS) throw error;
  return wait;
}

/**
 * The `onFailedAttempt` handler given to LangChain's `AsyncCaller`: throwing ends the retries,
 * returning lets it retry after its exponential backoff with jitter (1 s, 2 s, 4 s … × 1–2), or
 * after the server's `retry-after-ms` / `retry-after` when that is longer (see {@link retryWaitMs}).
 */
export function onFailedAttempt(error: unknown): void {
  const wait = retryWaitMs(error);
  if (wait !== undefined) (error as { retryAfterMs?: number }).retryAfterMs = wait;
}
