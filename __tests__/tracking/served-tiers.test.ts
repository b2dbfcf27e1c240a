import { ChatOpenAI } from "@langchain/openai";
import { BudgetExceededError } from "../../src/errors";
import { CostTracker } from "../../src/tracking/cost-tracker";
import type { LLMCallResult } from "../../src/types";
import { providerFor } from "../providers/bedrock/bedrock-rig";
import { openAIProviderAt, useBedrockStandIn, useOpenAIStandIn } from "../helpers/stand-ins";
import { QUESTION, failureOf, streamedResult } from "../reliability/support/outcomes";

const SONNET_45_GLOBAL = "global.anthropic.claude-sonnet-4-5-20250929-v1:0";

/** 10k input tokens of which 4k cached, 2k output. */
const GPT5_USAGE = { inputTokens: 10_000, cacheReadTokens: 4_000, outputTokens: 2_000 };
/** GPT5_USAGE at gpt-5's rates: 6k × input + 4k × cached + 2k × output, per tier. */
const GPT5_COST = {
  standard: (6_000 * 1.25 + 4_000 * 0.125 + 2_000 * 10) / 1e6, // $0.028
  flex: (6_000 * 0.625 + 4_000 * 0.0625 + 2_000 * 5) / 1e6, // $0.014
  priority: (6_000 * 2.5 + 4_000 * 0.25 + 2_000 * 20) / 1e6, // $0.056
};


/** What the tracker must hold of a call: the provider's record. */
function expectTracked(tracker: CostTracker, result: LLMCallResult): void {
  expect(tracker.calls).toHaveLength(1);
  expect(tracker.calls[0]).toMatchObject({ cost: result.cost, pricedWith: result.pricedWith, ...(result.serviceTier === undefined ? {} : { serviceTier: result.serviceTier }) });
  expect(tracker.calls[0]!.serviceTier).toBe(result.serviceTier);
}

describe("OpenAI: the tier that served the call prices it (gpt-5, real ChatOpenAI, stand-in)", () => {
  const server = useOpenAIStandIn();

  it.each(["flex", "priority"] as const)("a JSON answer served at %s: the tier's rates, in the result and the tracker", async (tier) => {
    const tracker = new CostTracker();
    server.reply({ usage: GPT5_USAGE });
    const result = await openAIProviderAt(server, { model: "gpt-5", serviceTier: tier, tracker }).complete({ messages: QUESTION });
    expect((server.requests[0]!.body as Record<string, unknown>).service_tier).toBe(tier);
    expect(result).toMatchObject({ model: "gpt-5-2025-08-07", serviceTier: tier, pricedWith: { source: "built-in", model: "gpt-5" } });
    expect(result.cost).toBeCloseTo(GPT5_COST[tier], 12);
    expect(result.pricedWith?.unpricedTier).toBeUndefined();
    expectTracked(tracker, result);
  });

  it.each(["flex", "priority"] as const)("a stream served at %s (a call option): the tier's rates from the final chunks", async (tier) => {
    const tracker = new CostTracker();
    server.reply({ text: "Paris is the capital of France.", usage: GPT5_USAGE });
    const result = await streamedResult(openAIProviderAt(server, { model: "gpt-5", tracker }).stream({ messages: QUESTION, serviceTier: tier }));
    expect((server.requests[0]!.body as Record<string, unknown>).service_tier).toBe(tier);
    expect(result).toMatchObject({ serviceTier: tier, estimated: false });
    expect(result.cost).toBeCloseTo(GPT5_COST[tier], 12);
    expectTracked(tracker, result);
  });

  it("prices the tier the response reports, not the one asked for", async () => {
    server.reply({ usage: GPT5_USAGE, serviceTier: "priority", times: 2 });
    const provider = openAIProviderAt(server, { model: "gpt-5", serviceTier: "auto" });
    const json = await provider.complete({ messages: QUESTION });
    const stream = await streamedResult(provider.stream({ messages: QUESTION }));
    for (const result of [json, stream]) {
      expect(result.serviceTier).toBe("priority");
      expect(result.cost).toBeCloseTo(GPT5_COST.priority, 12);
    }
  });

  it("prices `default` (and `auto` answered as default) at the standard rates, with no tier on the result", async () => {
    server.reply({ usage: GPT5_USAGE, times: 2 });
    const provider = openAIProviderAt(server, { model: "gpt-5" });
    for (const result of [await provider.complete({ messages: QUESTION }), await streamedResult(provider.stream({ messages: QUESTION, serviceTier: "auto" }))]) {
      expect(result.serviceTier).toBeUndefined();
      expect(result.pricedWith).toEqual({ source: "built-in", model: "gpt-5", checked: "2026-12-01" });
      expect(result.cost).toBeCloseTo(GPT5_COST.standard, 12);
    }
  });

  it("prices a tier the model has no rate for at standard rates and flags it, in the result and the report", async () => {
    const tracker = new CostTracker();
    server.reply({ usage: GPT5_USAGE, times: 2 });
    const provider = openAIProviderAt(server, { model: "gpt-5.1", serviceTier: "flex", tracker });
    const results = [await provider.complete({ messages: QUESTION }), await streamedResult(provider.stream({ messages: QUESTION }))];
    for (const result of results) {
      expect(result.serviceTier).toBeUndefined();
      expect(result.pricedWith).toMatchObject({ source: "built-in", model: "gpt-5.1", unpricedTier: "flex" });
      expect(result.cost).toBeCloseTo(GPT5_COST.standard, 12);
    }
    expect(tracker.report()).toMatch(/gpt-5\.1.*2 tier at standard/);
    expect(tracker.report()).toContain("2 call(s) served at a service tier with no price of its own for their model (pricedWith.unpricedTier): priced at standard rates.");
  });

  it("prices a plain ChatOpenAI's calls in a tracker at the tier served (stream) or asked for (JSON, where LangChain drops the answer's tier)", async () => {
    const tracker = new CostTracker();
    server.reply({ text: "Paris.", usage: GPT5_USAGE, times: 2 });
    const model = new ChatOpenAI({ model: "gpt-5", service_tier: "flex", apiKey: "sk-test", configuration: { baseURL: `${server.url}/v1` }, maxRetries: 0 });
    await model.invoke("Capital of France?", { callbacks: [tracker] });
    for await (const _chunk of await model.stream("Capital of France?", { callbacks: [tracker] })) void _chunk;
    expect(tracker.calls.map((call) => [call.serviceTier, call.cost])).toEqual([
      ["flex", expect.closeTo(GPT5_COST.flex, 12)],
      ["flex", expect.closeTo(GPT5_COST.flex, 12)],
    ]);
  });

  it("reserves a call's worst case at the rates of the tier it asks for", async () => {
    // maxTokens 100k: the output alone is $1 at standard rates, $0.50 at flex; the budget is $0.75.
    const tracker = new CostTracker({ budgetUsd: 0.75 });
    const provider = openAIProviderAt(server, { model: "gpt-5", tracker });
    server.reply({ usage: GPT5_USAGE });
    await expect(provider.complete({ messages: QUESTION, maxTokens: 100_000, serviceTier: "flex" })).resolves.toMatchObject({ serviceTier: "flex" });
    const refused = await failureOf(() => provider.complete({ messages: QUESTION, maxTokens: 100_000 }));
    expect(refused).toBeInstanceOf(BudgetExceededError);
    expect((refused as BudgetExceededError).message).toContain("worst case of $1.00");
    expect(server.requests).toHaveLength(1);
  });
});

describe("Bedrock: the tier asked for and the tier served (real ChatBedrockConverse, stand-in)", () => {
  const server = useBedrockStandIn();
  const usage = { inputTokens: 10_000, outputTokens: 1_000 };
  /** Sonnet 4.5 (global) standard: 10k × $3 + 1k × $15. */
  const STANDARD = (10_000 * 3 + 1_000 * 15) / 1e6;

  it("sends the tier asked for, and prices flex at standard rates, flagged, where the data has no Bedrock flex rate", async () => {
    server.reply({ usage, times: 2 });
    const provider = providerFor(server.url, { model: SONNET_45_GLOBAL, serviceTier: "flex" });
    const results = [await provider.complete({ messages: QUESTION }), await streamedResult(provider.stream({ messages: QUESTION }))];
    expect(server.requests.map((request) => (request.body as { serviceTier?: unknown }).serviceTier)).toEqual([{ type: "flex" }, { type: "flex" }]);
    for (const result of results) {
      expect(result.serviceTier).toBeUndefined();
      expect(result.pricedWith).toMatchObject({ source: "built-in", model: SONNET_45_GLOBAL, unpricedTier: "flex" });
      expect(result.cost).toBeCloseTo(STANDARD, 12);
    }
  });

  it.each(["complete", "stream"] as const)("prices the served tier at its rates where a row has them (%s)", async (how) => {
    const pricing = { [SONNET_45_GLOBAL]: { input: 3, output: 15, serviceTiers: { flex: { input: 1.5, output: 7.5 }, priority: { input: 5.25, output: 26.25 } } } };
    const tracker = new CostTracker();
    server.reply({ usage, serviceTier: "priority" });
    const provider = providerFor(server.url, { model: SONNET_45_GLOBAL, pricing, tracker });
    const result = how === "complete" ? await provider.complete({ messages: QUESTION, serviceTier: "priority" }) : await streamedResult(provider.stream({ messages: QUESTION, serviceTier: "priority" }));
    expect(result).toMatchObject({ serviceTier: "priority", pricedWith: { source: "custom" } });
    expect(result.cost).toBeCloseTo((10_000 * 5.25 + 1_000 * 26.25) / 1e6, 12);
    expectTracked(tracker, result);
  });

  it("prices the tier the response reports over the one asked for", async () => {
    server.reply({ usage, serviceTier: "default" });
    const result = await providerFor(server.url, { model: SONNET_45_GLOBAL, serviceTier: "flex" }).complete({ messages: QUESTION });
    expect((server.requests[0]!.body as { serviceTier?: unknown }).serviceTier).toEqual({ type: "flex" });
    expect(result.pricedWith).toEqual({ source: "built-in", model: SONNET_45_GLOBAL, checked: "2026-12-01" });
    expect(result.cost).toBeCloseTo(STANDARD, 12);
  });
});
