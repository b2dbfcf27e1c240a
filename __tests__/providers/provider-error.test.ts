import { ProviderError } from "../../src/errors";
import { toProviderError } from "../../src/providers/provider-error";
import { isRetryable } from "../../src/providers/retry";
import { detachResponses } from "../../src/providers/sdk-error-view";
import { UnreadableAnswerError } from "../../src/providers/unreadable-answer";
import { rememberSecret } from "../../src/secrets/redact";
import type { LLMCallResult } from "../../src/types";

const CALL = { provider: "bedrock" as const, model: "anthropic.claude-3-haiku-20240307-v1:0" };

/** An error as a Node socket and the AWS SDK's HTTP handler make it: a code, renamed TimeoutError. */
function socketError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code, name: "TimeoutError" });
}

describe("toProviderError: which reason a failure is", () => {
  it.each([
    ["ECONNRESET", socketError("read ECONNRESET", "ECONNRESET")],
    ["EPIPE", socketError("write EPIPE", "EPIPE")],
    ["socket hang up", socketError("socket hang up", "ECONNRESET")],
    ["the AWS SDK's wrapper of a reset", new Error("AWS SDK error wrapper for TimeoutError: read ECONNRESET")],
    ["undici's other side closed, inside the openai SDK's error", Object.assign(new Error("Connection error."), { name: "APIConnectionError", cause: new TypeError("fetch failed", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) }) })],
  ])("a connection dropped before any answer (%s) is \"network\", retryable, never a timeout", (_case, error) => {
    expect(isRetryable(error)).toBe(true);
    const converted = toProviderError(error, CALL);
    expect(converted).toMatchObject({ reason: "network", retryable: true });
    expect(converted.message).not.toContain("timeoutMs");
  });

  it("a connection dropped after chunks is \"stream\"", () => {
    expect(toProviderError(socketError("read ECONNRESET", "ECONNRESET"), { ...CALL, midStream: true })).toMatchObject({ reason: "stream", retryable: true });
  });

  it("names the innermost cause of a wrapped network failure", () => {
    const error = new Error("Connection error.", { cause: new TypeError("fetch failed", { cause: new Error("other side closed") }) });
    expect(toProviderError(error, CALL).message).toContain("failed (network): Connection error. (other side closed)");
  });

  it("an abort whose reason is a TimeoutError (LangChain's `timeout`, AbortSignal.timeout) is \"timeout\"; any other abort is \"aborted\"", () => {
    const timedOut = AbortSignal.abort(new DOMException("The operation timed out.", "TimeoutError"));
    expect(toProviderError(new Error("Aborted"), { ...CALL, signal: timedOut })).toMatchObject({ reason: "timeout", retryable: true });
    expect(toProviderError(new Error("Aborted"), { ...CALL, signal: AbortSignal.abort() })).toMatchObject({ reason: "aborted", retryable: false });
  });

  it("an AbortError with no signal fired is \"aborted\" before any chunk, \"stream\" after", () => {
    const abort = Object.assign(new Error("Request aborted"), { name: "AbortError" });
    expect(toProviderError(abort, CALL)).toMatchObject({ reason: "aborted", retryable: false });
    expect(toProviderError(abort, { ...CALL, midStream: true })).toMatchObject({ reason: "stream", retryable: true });
  });

  it("LangChain's Bedrock stream watchdog is \"timeout\"", () => {
    const watchdog = Object.assign(new Error("Bedrock Converse timed out after 60000 ms while waiting for the next chunk."), { lc_error_code: "MODEL_STREAM_TIMEOUT" });
    expect(toProviderError(watchdog, { ...CALL, midStream: true })).toMatchObject({ reason: "timeout" });
  });

  it("an unreadable answer is \"malformed\" with its status, never retried, even wrapped as a connection error", () => {
    const unreadable = new UnreadableAnswerError("the answer is not the API's: HTTP 200 text/html, body \"<html>\"", 200);
    const wrapped = Object.assign(new Error("Connection error.", { cause: unreadable }), { name: "APIConnectionError" });
    expect(isRetryable(wrapped)).toBe(false);
    const converted = toProviderError(wrapped, CALL);
    expect(converted).toMatchObject({ reason: "malformed", status: 200, retryable: false });
    expect(converted.message).toContain('failed (malformed): the answer is not the API\'s: HTTP 200 text/html, body "<html>"');
  });

  it("a proxy's error page with an error status stays \"http\" and retryable", () => {
    const page = Object.assign(new SyntaxError("Unexpected token '<'"), { $metadata: { httpStatusCode: 502 } });
    expect(toProviderError(page, CALL)).toMatchObject({ reason: "http", status: 502, retryable: true });
  });

  it("an AWS decoding failure is described from its $response, and the $response is cut off from the socket", () => {
    const socket = { _httpMessage: { _header: "Authorization: AWS4-HMAC-SHA256 Credential=AKIAUNITTEST/…" } };
    const response = { statusCode: 200, headers: { "content-type": "application/json" }, body: Buffer.from('{"output": {"mess') };
    const error = Object.defineProperty(new SyntaxError("Unexpected end of JSON input\n  Deserialization error: …"), "$response", { value: { ...response, socket }, enumerable: false, configurable: true });
    const converted = toProviderError(error, CALL);
    expect(converted.message).toContain('the answer is not the API\'s: HTTP 200 application/json, body "{\\"output\\": {\\"mess" (Unexpected end of JSON input)');
    expect((converted.cause as { $response: unknown }).$response).toEqual({ statusCode: 200, headers: { "content-type": "application/json" } });
    expect(Object.getOwnPropertyDescriptor(converted.cause, "$response")?.enumerable).toBe(false);
  });

  it("leaves a $response it cannot replace as it is", () => {
    const error = Object.defineProperty(new Error("x"), "$response", { value: { statusCode: 500 }, configurable: false });
    expect((detachResponses(error) as unknown as { $response: unknown }).$response).toEqual({ statusCode: 500 });
  });

  it("a chat model's ProviderError passes through, given the stream's partial result", () => {
    const fromModel = new ProviderError("bedrock call failed (stream)", { ...CALL, reason: "stream", retryable: true, cause: new Error("cut") });
    const partial = { content: "Par", estimated: true } as LLMCallResult;
    const converted = toProviderError(fromModel, { ...CALL, partial }) as ProviderError;
    expect(converted).toMatchObject({ message: fromModel.message, reason: "stream", retryable: true, partial, cause: fromModel.cause });
    expect(toProviderError(fromModel, CALL)).toBe(fromModel);
    expect(toProviderError(converted, { ...CALL, partial: { ...partial, content: "other" } })).toBe(converted);
  });

  it("removes remembered secrets from the message and from the cause chain's messages and plain data", () => {
    rememberSecret("sk-UNIT-remembered-secret-42");
    const body = { error: { message: "Incorrect API key provided: sk-UNIT-remembered-secret-42", nested: [["sk-UNIT-remembered-secret-42"]] } };
    const inner = new Error("inner sk-UNIT-remembered-secret-42");
    const error = Object.assign(new AggregateError([inner], "401 Incorrect API key provided: sk-UNIT-remembered-secret-42", { cause: new Error("cause sk-UNIT-remembered-secret-42") }), { status: 401, body });
    const converted = toProviderError(error, CALL);
    expect(converted.message).toContain("Incorrect API key provided: ***");
    expect(JSON.stringify(body)).not.toContain("sk-UNIT");
    expect(inner.message).toBe("inner ***");
    expect((error.cause as Error).message).toBe("cause ***");
    expect(error.stack).not.toContain("sk-UNIT");
  });
});
