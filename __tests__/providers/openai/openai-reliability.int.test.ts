import { ProviderError, SecretNotFoundError } from "../../../src/errors";
import { OpenAIProvider, type OpenAIProviderSettings } from "../../../src/providers/openai/openai-provider";
import { clearSecretCache } from "../../../src/secrets";
import { CostTracker } from "../../../src/tracking/cost-tracker";
import { openAIProviderAt, useOpenAIStandIn } from "../../helpers/stand-ins";

const server = useOpenAIStandIn({ apiKey: "sk-right" });
beforeEach(() => clearSecretCache());

const messages = [{ role: "user" as const, content: "hi" }];

function provider(settings: Partial<OpenAIProviderSettings> = {}) {
  return openAIProviderAt(server, { apiKey: "sk-right", maxRetries: 2, ...settings });
}

describe("OpenAIProvider retries, keys and cancellation", () => {
  it("retries a 429 after the retry-after-ms the server asked for, then succeeds", async () => {
    server.reply({ error: { status: 429, message: "Rate limit reached", retryAfterMs: 1200 } });
    server.reply({ text: "ok" });
    const started = Date.now();
    const result = await provider().complete({ messages });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1200);
    expect(result.content).toBe("ok");
    expect(server.requests).toHaveLength(2);
  });

  it("retries a 503 up to maxRetries and then reports it as retryable", async () => {
    server.reply({ error: { status: 503, message: "overloaded" }, times: 2 });
    const error = await provider({ maxRetries: 1 }).complete({ messages }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, reason: "http", retryable: true });
    expect(server.requests).toHaveLength(2);
  });

  it("never retries a 401, and reads the key at the first call, not at construction", async () => {
    const env = { OPENAI_API_KEY: "sk-wrong", USE_ONEPASSWORD: "false" };
    const p = new OpenAIProvider({ model: "gpt-4o", baseURL: `${server.url}/v1`, env });
    env.OPENAI_API_KEY = "sk-right-later";
    const error = await p.complete({ messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(server.requests).toHaveLength(1);
    expect(JSON.stringify(error)).not.toContain("sk-right-later");
    expect((error as Error).message).not.toContain("sk-right-later");
  });

  it("says which secret is missing and where it looked", async () => {
    const p = new OpenAIProvider({ model: "gpt-4o", baseURL: `${server.url}/v1`, env: { USE_ONEPASSWORD: "false" } });
    const error = await p.complete({ messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretNotFoundError);
    expect((error as SecretNotFoundError).key).toBe("OPENAI_API_KEY");
    expect(String((error as Error).message)).toContain("OPENAI_API_KEY");
    expect(server.requests).toHaveLength(0);
  });

  it("times out a slow first byte with reason timeout, and the server sees the request go away", async () => {
    server.reply({ text: "late", delayMs: 5000 });
    const started = Date.now();
    const error = await provider().complete({ messages, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(error).toMatchObject({ reason: "timeout", retryable: true });
    expect((error as Error).message).toContain("timed out after 300 ms");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.aborted).toBe(true);
  });

  it("cancels on the caller's AbortSignal with reason aborted", async () => {
    server.reply({ text: "late", delayMs: 5000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await provider().complete({ messages, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: "aborted", retryable: false });
  });

  it("keeps exact totals over 100 parallel calls", async () => {
    const tracker = new CostTracker();
    for (let i = 0; i < 100; i++) server.reply({ text: `answer ${i}`, usage: { inputTokens: 100 + i, outputTokens: 10 } });
    const p = provider({ tracker });
    const results = await Promise.all(Array.from({ length: 100 }, () => p.complete({ messages })));
    const totals = tracker.totals();
    const input = 100 * 100 + (99 * 100) / 2;
    expect(totals).toMatchObject({ calls: 100, tokensInput: input, tokensOutput: 1000 });
    expect(totals.costUsd).toBeCloseTo((input * 2.5 + 1000 * 10) / 1e6, 12);
    expect(results.reduce((sum, r) => sum + r.cost, 0)).toBeCloseTo(totals.costUsd, 12);
  });
});
