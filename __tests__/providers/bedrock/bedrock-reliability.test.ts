import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { ProviderError } from "../../../src/errors";
import { rejectionOf } from "../../helpers/rejection";
import { useBedrockStandIn } from "../../helpers/stand-ins";
import { CostTracker } from "../../../src/tracking/cost-tracker";
import { createBedrockClient } from "../../../src/providers/bedrock/bedrock-client";
import { drain, HAIKU_3, providerFor, SONNET_35, TEST_ENV } from "./bedrock-rig";

const server = useBedrockStandIn();

const messages = [{ role: "user" as const, content: "Summarise the incident report." }];

describe("retries: one layer, the client's, with the package's policy", () => {
  it("retries a ThrottlingException after its retry-after and succeeds: 2 requests", async () => {
    server.reply({ error: { status: 429, type: "ThrottlingException", retryAfterSeconds: 0 } });
    server.reply({ text: "Done.", usage: { inputTokens: 10, outputTokens: 2 } });
    const result = await providerFor(server.url, { maxRetries: 2 }).complete({ messages });
    expect(result.content).toBe("Done.");
    expect(result.cost).toBeCloseTo((10 * 3 + 2 * 15) / 1e6, 12);
    expect(server.requests.map((request) => request.operation)).toEqual(["converse", "converse"]);
    expect(server.requests[1]?.headers["amz-sdk-request"]).toBe("attempt=2; max=3");
  });

  it("retries a ServiceUnavailableException (503) on a stream before any event, then streams", async () => {
    server.reply({ error: { status: 503, type: "ServiceUnavailableException" } });
    server.reply({ text: "Recovered answer." });
    const { chunks, error } = await drain(providerFor(server.url, { maxRetries: 1 }).stream({ messages }));
    expect(error).toBeUndefined();
    expect(chunks.map((chunk) => chunk.content).join("")).toBe("Recovered answer.");
    expect(server.requests.map((request) => request.operation)).toEqual(["converse-stream", "converse-stream"]);
  });

  it("stops after maxRetries retries and reports the last failure as retryable", async () => {
    server.reply({ error: { status: 429, type: "ThrottlingException", message: "Rate exceeded", retryAfterSeconds: 0 }, times: 2 });
    const failure = await rejectionOf(providerFor(server.url, { maxRetries: 1 }).complete({ messages }), ProviderError);
    expect(failure).toMatchObject({ reason: "http", status: 429, retryable: true, provider: "bedrock", model: SONNET_35 });
    expect(failure.message).toContain("Rate exceeded");
    expect((failure.cause as Error).name).toBe("ThrottlingException");
    expect(server.requests).toHaveLength(2);
  });

  it("does not retry a ValidationException: 1 request, ProviderError status 400, not retryable", async () => {
    server.reply({ error: { status: 400, type: "ValidationException", message: "temperature must be at most 1" } });
    const failure = await rejectionOf(providerFor(server.url, { maxRetries: 3 }).complete({ messages }), ProviderError);
    expect(failure).toMatchObject({ reason: "http", status: 400, retryable: false });
    expect(failure.message).toBe(
      `bedrock call to ${SONNET_35} failed with HTTP 400: temperature must be at most 1 — see the provider's message.`,
    );
    expect((failure.cause as Error).name).toBe("ValidationException");
    expect(server.requests).toHaveLength(1);
  });

  it("does not retry an AccessDeniedException (403)", async () => {
    server.reply({ error: { status: 403, type: "AccessDeniedException" } });
    const failure = await rejectionOf(providerFor(server.url, { maxRetries: 3 }).complete({ messages }), ProviderError);
    expect(failure).toMatchObject({ status: 403, retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it("does not wait out a retry-after longer than 30 s: fails at once", async () => {
    server.reply({ error: { status: 429, type: "ThrottlingException", retryAfterSeconds: 120 } });
    const started = Date.now();
    const failure = await rejectionOf(providerFor(server.url, { maxRetries: 3 }).complete({ messages }), ProviderError);
    expect(failure.status).toBe(429);
    expect(server.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("uses a user-supplied client as given (its own settings, no second retry layer added)", async () => {
    const client = new BedrockRuntimeClient({
      region: "eu-central-1",
      endpoint: server.url,
      credentials: { accessKeyId: TEST_ENV.AWS_ACCESS_KEY_ID ?? "", secretAccessKey: "k" },
      maxAttempts: 1,
    });
    const provider = providerFor(server.url, { client, maxRetries: 5 });
    expect(provider.client).toBe(client);
    server.reply({ error: { status: 503, type: "ServiceUnavailableException" } });
    const failure = await rejectionOf(provider.complete({ messages }), ProviderError);
    expect(failure.status).toBe(503);
    expect(server.requests).toHaveLength(1);
    client.destroy();
  });
});

describe("sharing one client (as the factory does for roles on the same endpoint)", () => {
  it("two providers on one createBedrockClient() client send through it, each priced and attributed on its own", async () => {
    const client = createBedrockClient({ endpoint: server.url, env: { ...TEST_ENV } });
    const trackerA = new CostTracker();
    const trackerB = new CostTracker();
    const a = providerFor(server.url, { client, tracker: trackerA, metadata: { role: "rag" } });
    const b = providerFor(server.url, { client, tracker: trackerB, model: HAIKU_3, metadata: { role: "direct" } });
    expect(a.client).toBe(b.client);
    server.reply({ usage: { inputTokens: 100, outputTokens: 10 }, times: 2 });
    await Promise.all([a.complete({ messages }), b.complete({ messages })]);
    expect(trackerA.calls.map((call) => [call.model, call.role, call.cost])).toEqual([[SONNET_35, "rag", (100 * 3 + 10 * 15) / 1e6]]);
    expect(trackerB.calls.map((call) => [call.model, call.role, call.cost])).toEqual([[HAIKU_3, "direct", (100 * 0.25 + 10 * 1.25) / 1e6]]);
    client.destroy();
  });
});

describe("timeouts and cancellation", () => {
  it("ends a call the server never answers with reason timeout, well within a few seconds", async () => {
    server.reply({ hang: true });
    const started = Date.now();
    const failure = await rejectionOf(providerFor(server.url, { maxRetries: 2 }).complete({ messages, timeoutMs: 300 }), ProviderError);
    const elapsed = Date.now() - started;
    expect(failure).toMatchObject({ reason: "timeout", retryable: true });
    expect(failure.message).toContain("timed out after 300 ms");
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(1);
  });

  it("applies the provider's timeoutMs to streams too", async () => {
    server.reply({ hang: true });
    const { chunks, error } = await drain(providerFor(server.url, { timeoutMs: 250 }).stream({ messages }));
    expect(chunks).toEqual([]);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).reason).toBe("timeout");
  });

  it("stops a call when the caller's AbortSignal fires (reason aborted, not retried)", async () => {
    server.reply({ hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const failure = await rejectionOf(providerFor(server.url, { maxRetries: 2 }).complete({ messages, signal: controller.signal }), ProviderError);
    expect(failure).toMatchObject({ reason: "aborted", retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it("sends nothing when the signal is already aborted", async () => {
    const failure = await rejectionOf(providerFor(server.url).complete({ messages, signal: AbortSignal.abort() }), ProviderError);
    expect(failure.reason).toBe("aborted");
    expect(server.requests).toHaveLength(0);
  });

  it("stops waiting between retries when the signal fires during the backoff", async () => {
    server.reply({ error: { status: 429, type: "ThrottlingException", retryAfterSeconds: 20 } });
    const started = Date.now();
    const failure = await rejectionOf(providerFor(server.url, { maxRetries: 2 }).complete({ messages, timeoutMs: 400 }), ProviderError);
    expect(failure.reason).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(1);
  });
});

describe("concurrency", () => {
  it("prices 20 concurrent calls exactly, in the results and in the tracker", async () => {
    const tracker = new CostTracker();
    const provider = providerFor(server.url, { tracker });
    server.reply({ text: "ok", usage: { inputTokens: 100, outputTokens: 20 }, times: 20 });
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => provider.complete({ messages: [{ role: "user", content: `Question ${index}` }] })));
    const each = (100 * 3 + 20 * 15) / 1e6;
    expect(results.every((result) => Math.abs(result.cost - each) < 1e-12)).toBe(true);
    const totals = tracker.totals();
    expect(totals).toMatchObject({ calls: 20, tokensInput: 2000, tokensOutput: 400, estimated: 0, unpriced: 0 });
    expect(totals.costUsd).toBeCloseTo(20 * each, 12);
    expect(totals.byModel[SONNET_35]).toMatchObject({ calls: 20, tokensInput: 2000, tokensOutput: 400 });
    expect(new Set(tracker.calls.map((call) => call.runId)).size).toBe(20);
    expect(server.requests).toHaveLength(20);
  });
});
