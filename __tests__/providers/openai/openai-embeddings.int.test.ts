import { inspect } from "node:util";
import { BudgetExceededError, InputError, ProviderError, UnknownModelPricingError } from "../../../src/errors";
import type { OpenAIEmbeddingsSettings } from "../../../src/providers/openai/openai-embeddings";
import { embeddingBatches } from "../../../src/providers/openai/embedding-batches";
import { CostTracker } from "../../../src/tracking/cost-tracker";
import { embeddingTokenCounts } from "../../../src/testing/openai-usage-counts";
import { openAIEmbeddingsAt, useOpenAIStandIn } from "../../helpers/stand-ins";

const server = useOpenAIStandIn();

function embeddings(settings: OpenAIEmbeddingsSettings = {}) {
  return openAIEmbeddingsAt(server, settings);
}

const texts = ["The cat sat on the mat.", "Dogs chase cats in the park.", "Quarterly revenue grew 12%.", "東京は日本の首都です。"];

describe("OpenAIEmbeddingsProvider", () => {
  it("embeds texts in order, priced from the usage the API reported, and records the call", async () => {
    const tracker = new CostTracker();
    const provider = embeddings({ tracker, metadata: { role: "embeddings" } });
    const result = await provider.embed({ texts });
    const tokens = (await embeddingTokenCounts(texts)).reduce((a, b) => a + b, 0);
    expect(result).toMatchObject({ provider: "openai", model: "text-embedding-3-large", tokensInput: tokens, tokensOutput: 0, content: "", dimensions: 3072, estimated: false });
    expect(result.cost).toBeCloseTo((tokens * 0.13) / 1e6, 18);
    expect(result.embeddings).toHaveLength(4);
    expect(result.embeddings.every((v) => v.length === 3072)).toBe(true);
    // Each vector is the one the API gives for that text alone: order kept.
    const single = await provider.embedQuery(texts[2]!);
    expect(result.embeddings[2]).toEqual(single);
    expect(tracker.calls.map((c) => [c.role, c.tokensInput])).toEqual([["embeddings", tokens], ["embeddings", expect.any(Number)]]);
    expect(tracker.totals().byRole.embeddings!.costUsd).toBeCloseTo(result.cost + tracker.calls[1]!.cost, 18);
  });

  it("honours dimensions and text-embedding-3-small's price", async () => {
    const result = await embeddings({ model: "text-embedding-3-small", dimensions: 256 }).embed({ texts: ["hello world"] });
    expect(result.dimensions).toBe(256);
    expect(server.requests[0]!.body).toMatchObject({ model: "text-embedding-3-small", dimensions: 256 });
    expect(result.cost).toBeCloseTo((result.tokensInput * 0.02) / 1e6, 18);
  });

  it("splits batches by batchSize and keeps the input order across them", async () => {
    const many = Array.from({ length: 7 }, (_, i) => `document number ${i} about topic ${i % 3}`);
    const provider = embeddings({ batchSize: 3 });
    const result = await provider.embedDocuments(many);
    expect(server.requests.map((r) => (r.body as { input: string[] }).input.length)).toEqual([3, 3, 1]);
    const alone = await provider.embedDocuments([many[4]!]);
    expect(result[4]).toEqual(alone[0]);
  });

  it("splits by OpenAI's 300k tokens per request and refuses over-long or empty inputs before any request", () => {
    const big = "word ".repeat(8000); // 8001 tokens (the trailing space is one), under the 8191 limit
    const batches = embeddingBatches(Array.from({ length: 80 }, () => big), 2048);
    expect(batches.map((b) => b.texts.length)).toEqual([37, 37, 6]);
    expect(() => embeddingBatches(["ok", "word ".repeat(9000)], 512)).toThrow(new InputError("texts[1] has 9001 tokens, over the 8191-token limit of one embedding input: split it first."));
    expect(() => embeddingBatches(["ok", ""], 512)).toThrow("texts[1] is empty: every text to embed must be a non-empty string.");
    expect(() => embeddingBatches([], 512)).toThrow(InputError);
  });

  it("turns an API failure into a ProviderError with status and cause, without retrying a 401", async () => {
    server.reply({ error: { status: 401, message: "Incorrect API key provided" } });
    const error = await embeddings({ maxRetries: 2 }).embed({ texts }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: "openai", model: "text-embedding-3-large", status: 401, reason: "http", retryable: false });
    expect((error as ProviderError).cause).toBeInstanceOf(Error);
    expect(server.requests).toHaveLength(1);
  });

  it("shows only provider and model when stringified or inspected", () => {
    const p = embeddings({ apiKey: "sk-very-secret-4242" });
    expect(JSON.stringify(p)).toBe('{"provider":"openai","model":"text-embedding-3-large"}');
    expect(inspect(p, { depth: 10 })).toBe("OpenAIEmbeddingsProvider { provider: 'openai', model: 'text-embedding-3-large' }");
  });

  it("refuses an embeddings model it has no price for, and bad settings", () => {
    expect(() => embeddings({ model: "text-embedding-9" })).toThrow(UnknownModelPricingError);
    expect(() => embeddings({ dimensions: 0 })).toThrow("dimensions must be a positive whole number, got 0.");
    expect(() => embeddings({ batchSize: 1.5 })).toThrow("batchSize must be a positive whole number, got 1.5.");
  });
});

describe("OpenAIEmbeddingsProvider and its tracker", () => {
  it("records the batches already billed when a later batch fails", async () => {
    const tracker = new CostTracker();
    server.reply({ text: "" });
    server.reply({ error: { status: 400, message: "bad batch" } });
    const provider = embeddings({ tracker, batchSize: 2 });
    const error = await provider.embed({ texts }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expect(server.requests).toHaveLength(2);
    const firstBatch = (await embeddingTokenCounts(texts.slice(0, 2))).reduce((a, b) => a + b, 0);
    expect(tracker.calls).toHaveLength(1);
    expect(tracker.calls[0]).toMatchObject({ tokensInput: firstBatch, cost: expect.closeTo((firstBatch * 0.13) / 1e6, 18) });
    expect("embeddings" in tracker.calls[0]!).toBe(false);
  });

  it("sends nothing once the tracker's budget is spent", async () => {
    // "one" is 1 token at $0.13 per 1M: the first call fits in the budget, a second would not.
    const tracker = new CostTracker({ budgetUsd: 2e-7 });
    const provider = embeddings({ tracker });
    await provider.embed({ texts: ["one"] });
    await expect(provider.embed({ texts: ["two"] })).rejects.toThrow(BudgetExceededError);
    expect(server.requests).toHaveLength(1);
  });
});
