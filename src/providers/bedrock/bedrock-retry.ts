/**
 * Bedrock's one retry layer: the AWS client's own retry middleware, driven by this strategy.
 *
 * Why not LangChain's `AsyncCaller` as for OpenAI: `ChatBedrockConverse` (@langchain/aws 1.4.5)
 * sends Converse and ConverseStream with `this.client.send(...)` directly, never through
 * `this.caller`, so its `maxRetries` / `onFailedAttempt` never run. The client's retry middleware
 * wraps every request the client sends (Converse, ConverseStream up to the first event, and
 * CountTokens), stops at once when the call's AbortSignal fires, and is the only layer that sees a
 * ConverseStream before its events start. So the client retries, and nothing else does.
 *
 * The policy is the package's (`retryWaitMs` from ../retry): ThrottlingException, ServiceUnavailableException, 5xx and connection resets are
 * retried; ValidationException, AccessDeniedException and other 4xx are not. The wait is
 * `AsyncCaller`'s backoff (1 s, 2 s, 4 s … × 1–2) or the server's `retry-after`, whichever is longer.
 * There is no retry quota: `maxRetries` alone bounds the attempts.
 */
import type { BedrockRuntimeClientConfig } from "@aws-sdk/client-bedrock-runtime";
import { retryWaitMs } from "../retry";

/** The AWS SDK's token-based retry strategy interface (`RetryStrategyV2` in @smithy/types). */
type RetryStrategyV2 = Extract<NonNullable<BedrockRuntimeClientConfig["retryStrategy"]>, { acquireInitialRetryToken: unknown }>;
type RetryToken = Awaited<ReturnType<RetryStrategyV2["acquireInitialRetryToken"]>>;
type RetryErrorInfo = Parameters<RetryStrategyV2["refreshRetryTokenForRetry"]>[1];

const FIRST_DELAY_MS = 1_000;
const BACKOFF_FACTOR = 2;

function retryToken(retries: number, delayMs: number): RetryToken {
  return { getRetryCount: () => retries, getRetryDelay: () => delayMs };
}

/**
 * A `retryStrategy` for `BedrockRuntimeClient` applying the package's retry policy, up to
 * `maxRetries` retries. It returns the wait on the token, so the SDK's middleware sleeps it and
 * gives up at once when the call's AbortSignal fires.
 */
export class BedrockRetryStrategy implements RetryStrategyV2 {
  /**
   * @param maxRetries - retries after the first attempt (0 = no retry).
   * @param random - a number from 0 to 1 for the jitter; `Math.random` by default.
   */
  constructor(
    readonly maxRetries: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** @inheritdoc */
  async acquireInitialRetryToken(): Promise<RetryToken> {
    return retryToken(0, 0);
  }

  /** Allows one more attempt after a retryable failure, or throws the failure to end the call. */
  async refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    const retries = token.getRetryCount();
    const error: unknown = errorInfo.error;
    if (retries >= this.maxRetries) throw error;
    const askedMs = retryWaitMs(error);
    const backoffMs = Math.round((1 + this.random()) * FIRST_DELAY_MS * BACKOFF_FACTOR ** retries);
    return retryToken(retries + 1, Math.max(backoffMs, askedMs ?? 0));
  }

  /** @inheritdoc */
  recordSuccess(): void {}
}
