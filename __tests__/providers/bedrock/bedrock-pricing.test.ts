import type { AIMessage } from "@langchain/core/messages";
import { UnknownModelPricingError } from "../../../src/errors";
import { useBedrockStandIn } from "../../helpers/stand-ins";
import { HAIKU_3, providerFor, SONNET_35, SONNET_45 } from "./bedrock-rig";

const server = useBedrockStandIn();

const question = [{ role: "user" as const, content: "What does the quarterly report say about costs?" }];
const ARN_PROFILE = `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${SONNET_35}`;

describe("BedrockProvider prices each call from the usage Bedrock reports", () => {
  it("Claude 3.5 Sonnet v2: $3 in / $15 out per 1M", async () => {
    server.reply({ text: "Costs rose.", usage: { inputTokens: 1200, outputTokens: 350 } });
    const result = await providerFor(server.url).complete({ messages: question });
    expect(result).toMatchObject({ content: "Costs rose.", provider: "bedrock", model: SONNET_35, estimated: false });
    expect(result.usage).toEqual({ input: 1200, output: 350, cacheRead: 0, cacheWrite: 0 });
    expect([result.tokensInput, result.tokensOutput]).toEqual([1200, 350]);
    expect(result.cost).toBeCloseTo((1200 * 3 + 350 * 15) / 1e6, 12);
    expect(server.requests.map((request) => [request.operation, request.modelId])).toEqual([["converse", SONNET_35]]);
  });

  it("Claude 3 Haiku: $0.25 in / $1.25 out per 1M", async () => {
    server.reply({ usage: { inputTokens: 2000, outputTokens: 500 } });
    const result = await providerFor(server.url, { model: HAIKU_3 }).complete({ messages: question });
    expect(result.model).toBe(HAIKU_3);
    expect(result.cost).toBeCloseTo((2000 * 0.25 + 500 * 1.25) / 1e6, 12);
  });

  it.each([
    ["a us. cross-region profile", `us.${SONNET_35}`],
    ["an eu. cross-region profile", `eu.${SONNET_35}`],
    ["an inference-profile ARN", ARN_PROFILE],
  ])("%s is sent as given and priced as its model (no regional premium on Claude 3.5)", async (_, model) => {
    server.reply({ usage: { inputTokens: 1200, outputTokens: 350 } });
    const result = await providerFor(server.url, { model }).complete({ messages: question });
    expect(server.requests[0]?.modelId).toBe(model);
    expect(result.model).toBe(model);
    expect(result.cost).toBeCloseTo((1200 * 3 + 350 * 15) / 1e6, 12);
  });

  it("Sonnet 4.5 costs 10% more on a regional profile (us.) than on the global one", async () => {
    server.reply({ usage: { inputTokens: 1000, outputTokens: 200 }, times: 3 });
    const global = await providerFor(server.url, { model: `global.${SONNET_45}` }).complete({ messages: question });
    const regional = await providerFor(server.url, { model: `us.${SONNET_45}` }).complete({ messages: question });
    const bare = await providerFor(server.url, { model: SONNET_45 }).complete({ messages: question });
    expect(global.cost).toBeCloseTo((1000 * 3 + 200 * 15) / 1e6, 12);
    expect(regional.cost).toBeCloseTo((1000 * 3.3 + 200 * 16.5) / 1e6, 12);
    expect(bare.cost).toBeCloseTo(regional.cost, 12);
  });

  it("prices cache reads and writes at their own rates, without counting them twice", async () => {
    // Bedrock's wire usage: inputTokens EXCLUDES the 2000 cache reads and 500 cache writes.
    server.reply({ usage: { inputTokens: 1000, outputTokens: 100, cacheReadTokens: 2000, cacheWriteTokens: 500 } });
    const result = await providerFor(server.url).complete({ messages: question });
    expect(result.usage).toEqual({ input: 3500, output: 100, cacheRead: 2000, cacheWrite: 500 });
    expect(result.tokensInput).toBe(3500);
    expect(result.cost).toBeCloseTo((1000 * 3 + 2000 * 0.3 + 500 * 3.75 + 100 * 15) / 1e6, 12);
  });

  it("prices cache tokens in a stream the same way", async () => {
    server.reply({ text: "Cached answer here.", usage: { inputTokens: 1000, outputTokens: 100, cacheReadTokens: 2000, cacheWriteTokens: 500 } });
    let result;
    for await (const chunk of providerFor(server.url).stream({ messages: question })) result = chunk.result ?? result;
    expect(result?.usage).toEqual({ input: 3500, output: 100, cacheRead: 2000, cacheWrite: 500 });
    expect(result?.cost).toBeCloseTo((1000 * 3 + 2000 * 0.3 + 500 * 3.75 + 100 * 15) / 1e6, 12);
  });

  it("keeps Bedrock's stop reason and metrics in raw (the final AIMessage)", async () => {
    server.reply({ text: "Stopped.", stopReason: "max_tokens", usage: { inputTokens: 10, outputTokens: 2 } });
    const result = await providerFor(server.url).complete({ messages: question });
    const metadata = (result.raw as AIMessage).response_metadata;
    expect(metadata.stopReason).toBe("max_tokens");
    expect(metadata.usage).toEqual({ inputTokens: 10, outputTokens: 2, totalTokens: 12 });
    expect(typeof (metadata.metrics as { latencyMs: unknown }).latencyMs).toBe("number");
    expect(JSON.stringify(result.raw)).not.toContain("stand-in-secret-key");
  });

  it("can be turned into JSON after a call (its client is not a property), holding no secret", async () => {
    const provider = providerFor(server.url);
    await provider.complete({ messages: question });
    const json = JSON.stringify(provider);
    expect(JSON.parse(json)).toMatchObject({ provider: "bedrock", model: SONNET_35 });
    expect(json).not.toContain("stand-in-secret-key");
    expect(provider.client.config.serviceId).toBe("Bedrock Runtime");
  });

  it("refuses a model it has no price for, unless a pricing row is given", () => {
    expect(() => providerFor(server.url, { model: "anthropic.claude-unknown-v9:0" })).toThrow(UnknownModelPricingError);
    const priced = providerFor(server.url, { model: "anthropic.claude-unknown-v9:0", pricing: { "anthropic.claude-unknown-v9:0": { input: 1, output: 2 } } });
    expect(priced.pricing["anthropic.claude-unknown-v9:0"]).toEqual({ input: 1, output: 2 });
  });
});
