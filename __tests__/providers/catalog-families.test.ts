/**
 * Every model family of the built-in catalog, priced end to end: the real ChatOpenAI /
 * ChatBedrockConverse against the stand-ins, JSON and stream, the result and the tracker alike.
 * Rates (USD per 1M, input / output) are the vendors', written out here by hand.
 */
import { costOf } from "../../src/pricing";
import type { LLMProvider } from "../../src/providers/provider";
import { CostTracker } from "../../src/tracking/cost-tracker";
import type { LLMCallResult } from "../../src/types";
import { providerFor } from "./bedrock/bedrock-rig";
import { openAIEmbeddingsAt, openAIProviderAt, useBedrockStandIn, useOpenAIStandIn } from "../helpers/stand-ins";
import { QUESTION, streamedResult } from "../reliability/support/outcomes";

/** 10k input, 1k output: below every long-context threshold. */
const USAGE = { inputTokens: 10_000, outputTokens: 1_000 };
const costAt = ([input, output]: readonly [number, number]) => (10_000 * input + 1_000 * output) / 1e6;


/** One JSON and one streamed call, each priced at the built-in rates, and both recorded at the same cost. */
async function expectPricedBothWays(provider: LLMProvider, tracker: CostTracker, rates: readonly [number, number]): Promise<LLMCallResult[]> {
  const results = [await provider.complete({ messages: QUESTION }), await streamedResult(provider.stream({ messages: QUESTION }))];
  for (const result of results) {
    expect(result).toMatchObject({ estimated: false, tokensInput: 10_000, tokensOutput: 1_000, pricedWith: { source: "built-in" } });
    expect(result.cost).toBeCloseTo(costAt(rates), 12);
  }
  expect(tracker.calls.map((call) => call.cost)).toEqual(results.map((result) => result.cost));
  return results;
}

const OPENAI: readonly (readonly [string, readonly [number, number]])[] = [
  ["gpt-5", [1.25, 10]], ["gpt-5-mini", [0.25, 2]], ["gpt-5-nano", [0.05, 0.4]], ["gpt-5-chat-latest", [1.25, 10]],
  ["gpt-5.1", [1.25, 10]], ["gpt-5.2", [1.75, 14]], ["gpt-5.3-chat-latest", [1.75, 14]],
  ["gpt-5.4", [2.5, 15]], ["gpt-5.4-mini", [0.75, 4.5]], ["gpt-5.4-nano", [0.2, 1.25]], ["gpt-5.5", [5, 30]],
  ["gpt-5.6-luna", [0.2, 1.2]], ["gpt-5.6-terra", [2, 12]], ["gpt-5.6-sol", [4, 20]],
  ["gpt-4.1", [2, 8]], ["gpt-4.1-mini", [0.4, 1.6]], ["gpt-4.1-nano", [0.1, 0.4]],
  ["o1", [15, 60]], ["o3", [2, 8]], ["o3-mini", [1.1, 4.4]], ["o4-mini", [1.1, 4.4]],
  ["gpt-4o", [2.5, 10]], ["gpt-4o-mini", [0.15, 0.6]], ["gpt-4-turbo", [10, 30]], ["gpt-3.5-turbo", [0.5, 1.5]],
  ["ft:gpt-4o-mini-2024-07-18:acme::9abcXYZ", [0.3, 1.2]], ["ft:gpt-4.1-2025-04-14:acme:support:7xyz", [3, 12]],
];

const BEDROCK: readonly (readonly [string, readonly [number, number]])[] = [
  ["anthropic.claude-3-haiku-20240307-v1:0", [0.25, 1.25]], ["anthropic.claude-3-opus-20240229-v1:0", [15, 75]],
  ["anthropic.claude-3-5-haiku-20241022-v1:0", [0.8, 4]], ["us.anthropic.claude-3-5-sonnet-20240620-v1:0", [3, 15]],
  ["us.anthropic.claude-3-7-sonnet-20250219-v1:0", [3, 15]], ["anthropic.claude-sonnet-4-20250514-v1:0", [3, 15]],
  ["anthropic.claude-opus-4-20250514-v1:0", [15, 75]], ["us.anthropic.claude-opus-4-1-20250805-v1:0", [15, 75]],
  ["global.anthropic.claude-sonnet-4-5-20250929-v1:0", [3, 15]], ["us.anthropic.claude-sonnet-4-5-20250929-v1:0", [3.3, 16.5]],
  ["global.anthropic.claude-haiku-4-5-20251001-v1:0", [1, 5]], ["eu.anthropic.claude-haiku-4-5-20251001-v1:0", [1.1, 5.5]],
  ["global.anthropic.claude-opus-4-5-20251101-v1:0", [5, 25]], ["us.anthropic.claude-opus-4-5-20251101-v1:0", [5.5, 27.5]],
  ["global.anthropic.claude-opus-4-6-v1", [5, 25]], ["us.anthropic.claude-sonnet-4-6", [3.3, 16.5]],
  ["anthropic.claude-opus-4-7", [5.5, 27.5]], ["global.anthropic.claude-opus-4-8", [5, 25]],
  ["global.anthropic.claude-sonnet-5", [2, 10]], ["anthropic.claude-sonnet-5-v1:0", [2.2, 11]],
  ["global.anthropic.claude-opus-5", [5, 25]], ["us.anthropic.claude-opus-5-5", [4.4, 22]],
  ["amazon.nova-micro-v1:0", [0.035, 0.14]], ["amazon.nova-lite-v1:0", [0.06, 0.24]], ["us.amazon.nova-pro-v1:0", [0.8, 3.2]],
  ["us.amazon.nova-premier-v1:0", [2.5, 12.5]], ["global.amazon.nova-2-lite-v1:0", [0.3, 2.5]], ["us.amazon.nova-2-lite-v1:0", [0.33, 2.75]],
  ["meta.llama3-8b-instruct-v1:0", [0.3, 0.6]], ["meta.llama3-1-70b-instruct-v1:0", [0.72, 0.72]], ["us.meta.llama3-2-90b-instruct-v1:0", [0.72, 0.72]],
  ["us.meta.llama3-3-70b-instruct-v1:0", [0.72, 0.72]], ["us.meta.llama4-scout-17b-instruct-v1:0", [0.17, 0.66]], ["us.meta.llama4-maverick-17b-instruct-v1:0", [0.24, 0.97]],
  ["mistral.mistral-7b-instruct-v0:2", [0.15, 0.2]], ["mistral.mixtral-8x7b-instruct-v0:1", [0.45, 0.7]], ["mistral.mistral-large-2402-v1:0", [4, 12]],
  ["mistral.mistral-small-2402-v1:0", [1, 3]], ["us.mistral.pixtral-large-2502-v1:0", [2, 6]], ["mistral.mistral-large-3-675b-instruct", [0.5, 1.5]],
  ["mistral.ministral-3-8b-instruct", [0.15, 0.15]], ["us.deepseek.r1-v1:0", [1.35, 5.4]],
];

describe("OpenAI families: JSON and stream through ChatOpenAI", () => {
  const server = useOpenAIStandIn();

  it.each(OPENAI)("%s", async (model, rates) => {
    const tracker = new CostTracker();
    server.reply({ text: "Paris.", usage: USAGE, times: 2 });
    await expectPricedBothWays(openAIProviderAt(server, { model, tracker }), tracker, rates);
  });

  it.each([
    ["text-embedding-3-small", 0.02],
    ["text-embedding-3-large", 0.13],
    ["text-embedding-ada-002", 0.1],
  ] as const)("embeddings on %s", async (model, rate) => {
    const tracker = new CostTracker();
    server.reply({ usage: { inputTokens: 50_000 } });
    const result = await openAIEmbeddingsAt(server, { model, tracker }).embed({ texts: ["a document"] });
    expect(result.cost).toBeCloseTo((50_000 * rate) / 1e6, 12);
    expect(tracker.calls[0]).toMatchObject({ cost: result.cost, pricedWith: { source: "built-in", model } });
  });
});

describe("Bedrock families: JSON and stream through ChatBedrockConverse", () => {
  const server = useBedrockStandIn();

  it.each(BEDROCK)("%s", async (model, rates) => {
    const tracker = new CostTracker();
    server.reply({ text: "Paris.", usage: USAGE, times: 2 });
    const results = await expectPricedBothWays(providerFor(server.url, { model, tracker }), tracker, rates);
    expect(server.requests.map((request) => [request.operation, request.modelId])).toEqual([["converse", model], ["converse-stream", model]]);
    expect(results.map((result) => result.model)).toEqual([model, model]);
  });

  it.each([
    ["amazon.titan-embed-text-v2:0", 0.02],
    ["amazon.titan-embed-text-v1", 0.1],
    ["cohere.embed-english-v3", 0.1],
    ["cohere.embed-multilingual-v3", 0.1],
    ["cohere.embed-v4:0", 0.12],
  ] as const)("embeddings on %s, recorded in a tracker with costOf", (model, rate) => {
    const tracker = new CostTracker();
    const usage = { input: 50_000, output: 0, cacheRead: 0, cacheWrite: 0 };
    const cost = costOf(model, usage);
    tracker.record({ content: "", model, provider: "bedrock", tokensInput: 50_000, tokensOutput: 0, cost, usage, estimated: false });
    expect(cost).toBeCloseTo((50_000 * rate) / 1e6, 12);
    expect(tracker.totals().costUsd).toBe(cost);
  });
});

describe("a model only the second price source knows", () => {
  const openai = useOpenAIStandIn();
  const bedrock = useBedrockStandIn();

  it("is priced by genai-prices through both SDKs, and the report flags it", async () => {
    const tracker = new CostTracker();
    openai.reply({ usage: USAGE, times: 2 });
    bedrock.reply({ usage: USAGE, times: 2 });
    const gpt = openAIProviderAt(openai, { model: "gpt-6-sol", tracker });
    const fable = providerFor(bedrock.url, { model: "us.anthropic.claude-fable-5-v1:0", tracker });
    const results = [
      await gpt.complete({ messages: QUESTION }),
      await streamedResult(gpt.stream({ messages: QUESTION })),
      await fable.complete({ messages: QUESTION }),
      await streamedResult(fable.stream({ messages: QUESTION })),
    ];
    expect(results.map((result) => [result.pricedWith, result.cost])).toEqual([
      [{ source: "genai-prices", model: "gpt-6-sol" }, expect.closeTo(costAt([2, 10]), 12)],
      [{ source: "genai-prices", model: "gpt-6-sol" }, expect.closeTo(costAt([2, 10]), 12)],
      [{ source: "genai-prices", model: "regional.anthropic.claude-fable-5-v1:0" }, expect.closeTo(costAt([11, 55]), 12)],
      [{ source: "genai-prices", model: "regional.anthropic.claude-fable-5-v1:0" }, expect.closeTo(costAt([11, 55]), 12)],
    ]);
    const report = tracker.report();
    expect(report).toMatch(/gpt-6-sol\s.*2 by genai-prices/);
    expect(report).toContain("4 call(s) priced by genai-prices, the second price source: no built-in or `pricing` row knows their model. Check the price, or add a row.");
  });
});
