import { BedrockRetryStrategy } from "../../../src/providers/bedrock/bedrock-retry";

type SdkError = NonNullable<Parameters<BedrockRetryStrategy["refreshRetryTokenForRetry"]>[1]["error"]>;

/** An error shaped as the AWS SDK raises it for an HTTP failure (name, status, the response's headers). */
function awsError(name: string, status: number, headers: Record<string, string> = {}): SdkError {
  return Object.assign(new Error(`${name} from Bedrock`), { name, cause: undefined, $metadata: { httpStatusCode: status }, $response: { statusCode: status, headers } });
}

const THROTTLED = { errorType: "THROTTLING" as const };

describe("BedrockRetryStrategy: the package's retry policy inside the AWS client", () => {
  it("backs off 1 s, 2 s, 4 s … × (1 + jitter), like LangChain's AsyncCaller", async () => {
    const strategy = new BedrockRetryStrategy(3, () => 0.5);
    let token = await strategy.acquireInitialRetryToken();
    expect([token.getRetryCount(), token.getRetryDelay()]).toEqual([0, 0]);
    const delays: number[] = [];
    for (let retry = 0; retry < 3; retry++) {
      token = await strategy.refreshRetryTokenForRetry(token, { ...THROTTLED, error: awsError("ThrottlingException", 429) });
      delays.push(token.getRetryDelay());
    }
    expect(delays).toEqual([1_500, 3_000, 6_000]);
    expect(token.getRetryCount()).toBe(3);
  });

  it("waits the server's retry-after when it is longer than the backoff", async () => {
    const strategy = new BedrockRetryStrategy(2, () => 0);
    const token = await strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(), {
      ...THROTTLED,
      error: awsError("ThrottlingException", 429, { "retry-after": "7" }),
    });
    expect(token.getRetryDelay()).toBe(7_000);
  });

  it("gives up (rethrowing the failure) past maxRetries, on a non-retryable error, or on a retry-after over 30 s", async () => {
    const strategy = new BedrockRetryStrategy(1, () => 0);
    const first = await strategy.acquireInitialRetryToken();
    const throttled = awsError("ThrottlingException", 429);
    const afterOne = await strategy.refreshRetryTokenForRetry(first, { ...THROTTLED, error: throttled });
    await expect(strategy.refreshRetryTokenForRetry(afterOne, { ...THROTTLED, error: throttled })).rejects.toBe(throttled);
    const invalid = awsError("ValidationException", 400);
    await expect(strategy.refreshRetryTokenForRetry(first, { errorType: "CLIENT_ERROR", error: invalid })).rejects.toBe(invalid);
    const denied = awsError("AccessDeniedException", 403);
    await expect(strategy.refreshRetryTokenForRetry(first, { errorType: "CLIENT_ERROR", error: denied })).rejects.toBe(denied);
    const tooLong = awsError("ThrottlingException", 429, { "retry-after": "31" });
    await expect(strategy.refreshRetryTokenForRetry(first, { ...THROTTLED, error: tooLong })).rejects.toBe(tooLong);
  });

  it("retries server-side and connection failures", async () => {
    const strategy = new BedrockRetryStrategy(1, () => 0);
    const first = await strategy.acquireInitialRetryToken();
    for (const error of [
      awsError("ServiceUnavailableException", 503),
      awsError("InternalServerException", 500),
      Object.assign(new Error("socket hang up"), { code: "ECONNRESET", cause: undefined }),
    ]) {
      expect((await strategy.refreshRetryTokenForRetry(first, { errorType: "TRANSIENT", error })).getRetryCount()).toBe(1);
    }
  });
});
