import { ChatBedrockConverse } from "@langchain/aws";
import { ProviderError } from "../../src/errors";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { providerFor } from "../providers/bedrock/bedrock-rig";
import { openAIProviderAt, useBedrockStandIn, useOpenAIStandIn } from "../helpers/stand-ins";
import { QUESTION, failureOf, streamedResult } from "../reliability/support/outcomes";

const SONNET_45 = "anthropic.claude-sonnet-4-5-20250929-v1:0";


describe("Bedrock cache writes by TTL (Claude Sonnet 4.5, real ChatBedrockConverse, stand-in)", () => {
  const server = useBedrockStandIn();
  // Bedrock's inputTokens exclude the cache: 2,000 uncached, 3,000 read, 1,500 written (1,000 for 1 hour).
  const usage = { inputTokens: 2_000, cacheReadTokens: 3_000, outputTokens: 400, cacheDetails: [{ ttl: "5m" as const, inputTokens: 500 }, { ttl: "1h" as const, inputTokens: 1_000 }] };
  const TOKENS = { input: 6_500, output: 400, cacheRead: 3_000, cacheWrite: 1_500, cacheWrite1h: 1_000 };
  const cases = [
    // 2k × $3 + 3k × $0.30 + 500 × $3.75 + 1k × $6 (2× input) + 400 × $15
    ["global profile", `global.${SONNET_45}`, (2_000 * 3 + 3_000 * 0.3 + 500 * 3.75 + 1_000 * 6 + 400 * 15) / 1e6],
    // the same at the regional +10%: 1-hour writes at $6.60
    ["regional us. profile", `us.${SONNET_45}`, (2_000 * 3.3 + 3_000 * 0.33 + 500 * 4.125 + 1_000 * 6.6 + 400 * 16.5) / 1e6],
  ] as const;

  it.each(cases)("complete() on the %s: 1-hour writes at 2× input, 5-minute writes at 1.25×", async (_where, model, usd) => {
    const tracker = new CostTracker();
    server.reply({ usage });
    const result = await providerFor(server.url, { model, tracker }).complete({ messages: QUESTION });
    expect(result.usage).toEqual(TOKENS);
    expect(result.cost).toBeCloseTo(usd, 12);
    expect(tracker.calls[0]).toMatchObject({ cost: result.cost, usage: TOKENS });
  });

  it.each(cases)("stream() on the %s: the metadata event's cacheDetails price the same", async (_where, model, usd) => {
    server.reply({ text: "Cached.", usage });
    const result = await streamedResult(providerFor(server.url, { model }).stream({ messages: QUESTION }));
    expect(result.usage).toEqual(TOKENS);
    expect(result.cost).toBeCloseTo(usd, 12);
  });

  it("prices a ChatBedrockConverse used directly the same way in a tracker", async () => {
    const tracker = new CostTracker();
    server.reply({ usage });
    const provider = providerFor(server.url, { model: `global.${SONNET_45}` });
    const model = new ChatBedrockConverse({ model: `global.${SONNET_45}`, client: provider.client, region: "us-east-1" });
    await model.invoke("Summarise the report.", { callbacks: [tracker] });
    expect(tracker.calls[0]).toMatchObject({ usage: TOKENS, cost: expect.closeTo(cases[0][2], 12) });
  });

  it("without cacheDetails, every write is a 5-minute write", async () => {
    server.reply({ usage: { inputTokens: 2_000, cacheWriteTokens: 1_500, outputTokens: 0 } });
    const result = await providerFor(server.url, { model: `global.${SONNET_45}` }).complete({ messages: QUESTION });
    expect(result.usage).toEqual({ input: 3_500, output: 0, cacheRead: 0, cacheWrite: 1_500 });
    expect(result.cost).toBeCloseTo((2_000 * 3 + 1_500 * 3.75) / 1e6, 12);
  });

  it("refuses 1-hour writes larger than the writes as a malformed usage block, estimated on `partial`", async () => {
    server.reply({ usage: { inputTokens: 2_000, cacheWriteTokens: 100, outputTokens: 5, cacheDetails: [{ ttl: "1h", inputTokens: 900 }] } });
    const error = await failureOf(() => providerFor(server.url, { model: `global.${SONNET_45}` }).complete({ messages: QUESTION }));
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toContain("usage 1-hour cache writes (900) exceed cache writes (100)");
    expect((error as ProviderError).partial).toMatchObject({ estimated: true });
  });
});

describe("reasoning tokens (part of the output)", () => {
  const server = useOpenAIStandIn();
  // 500 input, 1,200 output of which 800 reasoning, on o4-mini: 500 × $1.10 + 1,200 × $4.40.
  const usage = { inputTokens: 500, outputTokens: 1_200, reasoningTokens: 800 };
  const COST = (500 * 1.1 + 1_200 * 4.4) / 1e6;

  it.each(["complete", "stream"] as const)("%s(): usage.reasoning from completion_tokens_details, billed as output; totals and the report show it", async (how) => {
    const tracker = new CostTracker();
    server.reply({ text: "42.", usage });
    const provider = openAIProviderAt(server, { model: "o4-mini", tracker });
    const result = how === "complete" ? await provider.complete({ messages: QUESTION }) : await streamedResult(provider.stream({ messages: QUESTION }));
    expect(result.usage).toEqual({ input: 500, output: 1_200, cacheRead: 0, cacheWrite: 0, reasoning: 800 });
    expect(result.cost).toBeCloseTo(COST, 12);
    expect(tracker.totals()).toMatchObject({ tokensOutput: 1_200, tokensReasoning: 800 });
    expect(tracker.report().split("\n")[0]).toBe("LLM cost: $0.0058 over 1 call(s), 500 tokens in / 1,200 out (800 reasoning)");
  });

  it("leaves reasoning out of the usage when there is none, and the totals at 0", async () => {
    const tracker = new CostTracker();
    server.reply({ usage: { inputTokens: 500, outputTokens: 100 } });
    const result = await openAIProviderAt(server, { model: "gpt-4.1", tracker }).complete({ messages: QUESTION });
    expect(result.usage).toEqual({ input: 500, output: 100, cacheRead: 0, cacheWrite: 0 });
    expect(tracker.totals().tokensReasoning).toBe(0);
    expect(tracker.report().split("\n")[0]).toBe("LLM cost: $0.0018 over 1 call(s), 500 tokens in / 100 out");
  });

  it("refuses more reasoning tokens than output tokens as a malformed usage block", async () => {
    server.reply({ usage: { inputTokens: 500, outputTokens: 10, reasoningTokens: 20 } });
    const error = await failureOf(() => openAIProviderAt(server, { model: "o4-mini" }).complete({ messages: QUESTION }));
    expect((error as ProviderError).message).toContain("usage reasoning tokens (20) exceed output tokens (10)");
  });
});
