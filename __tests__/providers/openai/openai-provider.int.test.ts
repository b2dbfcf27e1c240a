import { inspect } from "node:util";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { InputError, ProviderError, UnknownModelPricingError } from "../../../src/errors";
import type { OpenAIProviderSettings } from "../../../src/providers/openai/openai-provider";
import { CostTracker } from "../../../src/tracking/cost-tracker";
import { openAIPromptTokens } from "../../../src/testing/openai-usage-counts";
import type { StreamChunk } from "../../../src/types";
import { openAIProviderAt, useOpenAIStandIn } from "../../helpers/stand-ins";

const server = useOpenAIStandIn();

function provider(settings: Partial<OpenAIProviderSettings> = {}) {
  return openAIProviderAt(server, settings);
}

const question = [
  { role: "system" as const, content: "You are terse." },
  { role: "user" as const, content: "What is the capital of France?" },
];

describe("OpenAIProvider.complete", () => {
  it("returns the answer priced from the usage OpenAI reported, by the answered snapshot", async () => {
    server.reply({ text: "Paris.", usage: { inputTokens: 1200, outputTokens: 300, cacheReadTokens: 1000 } });
    const result = await provider().complete({ messages: question });
    expect(result).toMatchObject({ content: "Paris.", model: "gpt-4o-2024-08-06", provider: "openai", tokensInput: 1200, tokensOutput: 300, estimated: false });
    expect(result.usage).toEqual({ input: 1200, output: 300, cacheRead: 1000, cacheWrite: 0 });
    // 200 uncached × $2.50 + 1000 cached × $1.25 + 300 × $10 per 1M
    expect(result.cost).toBeCloseTo((200 * 2.5 + 1000 * 1.25 + 300 * 10) / 1e6, 15);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers.authorization).toBe("***");
  });

  it("prices gpt-4-turbo at $10 / $30 per 1M", async () => {
    server.reply({ text: "ok", usage: { inputTokens: 1000, outputTokens: 2000 } });
    const result = await provider({ model: "gpt-4-turbo" }).complete({ messages: question });
    expect(result.model).toBe("gpt-4-turbo-2024-04-09");
    expect(result.cost).toBeCloseTo((1000 * 10 + 2000 * 30) / 1e6, 15);
  });

  it("counts prompt tokens exactly as the API bills them, over a varied corpus", async () => {
    const corpus = [
      "Plain English, with punctuation; and numbers 1,234.56!",
      "function add(a, b) {\n  return a + b; // sum\n}\n",
      "Emoji 🎉🚀👋🏽 and flags 🇫🇷",
      "人工智能正在改变世界。東京は日本の首都です。",
      "spaces      and\n\n\n\ttabs     everywhere   ",
    ];
    for (const model of ["gpt-4o", "gpt-4-turbo"]) {
      const p = provider({ model });
      for (const text of corpus) {
        const messages = [new SystemMessage("Be brief."), new HumanMessage(text)];
        server.reply({ text: "fine" });
        const result = await p.complete({ messages });
        const local = p.countTokens({ messages, completion: "fine" });
        expect(local).toEqual({ input: result.tokensInput, output: result.tokensOutput, exact: true });
        expect(local.input).toBe(await openAIPromptTokens([{ role: "system", content: "Be brief." }, { role: "user", content: text }], model));
      }
    }
  });

  it("maps logprobs to TokenLogprob[] with the requested alternatives", async () => {
    server.reply({ text: "Paris is nice" });
    const result = await provider().complete({ messages: question, logprobs: { top: 2 } });
    expect(server.requests[0]!.body).toMatchObject({ logprobs: true, top_logprobs: 2 });
    expect(result.logprobs!.map((entry) => entry.token).join("")).toBe("Paris is nice");
    expect(result.logprobs![0]!.topLogprobs).toHaveLength(2);
    expect(typeof result.logprobs![0]!.logprob).toBe("number");
  });

  it("passes temperature and maxTokens per call without changing the provider's own model", async () => {
    server.reply({ text: "a", times: 2 });
    const p = provider({ temperature: 0.1 });
    await p.complete({ messages: question, temperature: 0.7, maxTokens: 5 });
    await p.complete({ messages: question });
    expect(server.requests[0]!.body).toMatchObject({ temperature: 0.7, max_tokens: 5 });
    expect(server.requests[1]!.body).toMatchObject({ temperature: 0.1 });
  });

  it("records the call in its tracker with the same priced result", async () => {
    const tracker = new CostTracker();
    server.reply({ text: "Paris.", usage: { inputTokens: 40, outputTokens: 2 } });
    const result = await provider({ tracker }).complete({ messages: question });
    expect(tracker.calls).toHaveLength(1);
    expect(tracker.calls[0]!.cost).toBe(result.cost);
    expect(tracker.calls[0]!.model).toBe("gpt-4o-2024-08-06");
  });

  it("refuses bad input before any request", async () => {
    const p = provider();
    await expect(p.complete({ messages: [] })).rejects.toThrow(new InputError("messages must be a non-empty array of { role, content } objects or LangChain messages."));
    await expect(p.complete({ messages: [{ role: "wizard", content: "x" }] as never })).rejects.toThrow('messages[0] has an unknown role "wizard": use "system", "user" or "assistant".');
    await expect(p.complete({ messages: [{ role: "user", content: 42 }] as never })).rejects.toThrow("messages[0].content must be a string, got number.");
    await expect(p.complete({ messages: question, temperature: Number.NaN })).rejects.toBeInstanceOf(InputError);
    expect(server.requests).toHaveLength(0);
  });

  it("shows only provider and model when stringified or inspected, never the key its client holds", async () => {
    server.reply({ text: "ok" });
    const p = provider({ apiKey: "sk-very-secret-4242" });
    await p.complete({ messages: question });
    expect(JSON.stringify(p)).toBe('{"provider":"openai","model":"gpt-4o"}');
    expect(inspect(p, { depth: 10 })).toBe("OpenAIProvider { provider: 'openai', model: 'gpt-4o' }");
  });

  it("teaches its tracker the prices it was given, so both price the call the same", async () => {
    const tracker = new CostTracker();
    server.reply({ text: "ok", usage: { inputTokens: 1_000_000, outputTokens: 1_000_000 } });
    const result = await provider({ model: "gpt-4.1", pricing: { "gpt-4.1": { input: 2, output: 8 } }, tracker }).complete({ messages: question });
    expect(result.cost).toBeCloseTo(10, 12);
    expect(tracker.calls[0]).toMatchObject({ priced: true, cost: result.cost });
  });

  it("refuses a model it has no price for at construction", () => {
    expect(() => provider({ model: "gpt-unknown" })).toThrow(UnknownModelPricingError);
    expect(provider({ model: "gpt-unknown", pricing: { "gpt-unknown": { input: 1, output: 1 } } }).model).toBe("gpt-unknown");
  });
});

describe("OpenAIProvider.stream", () => {
  async function collect(stream: AsyncIterable<StreamChunk>): Promise<StreamChunk[]> {
    const chunks: StreamChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    return chunks;
  }

  it("yields deltas whose token counts add up exactly to the reported output, then the priced result", async () => {
    server.reply({ text: "The capital of France is Paris, of course.", usage: { inputTokens: 30 } });
    const chunks = await collect(provider().stream({ messages: question }));
    const last = chunks.at(-1)!;
    expect(chunks.slice(0, -1).map((c) => c.content).join("")).toBe("The capital of France is Paris, of course.");
    expect(chunks.reduce((sum, c) => sum + c.tokensOutput, 0)).toBe(last.result!.tokensOutput);
    expect(last.result).toMatchObject({ content: "The capital of France is Paris, of course.", tokensInput: 30, estimated: false, model: "gpt-4o-2024-08-06" });
    expect(last.result!.cost).toBeCloseTo((30 * 2.5 + last.result!.tokensOutput * 10) / 1e6, 15);
    expect(server.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("ends a stream cut mid-way with ProviderError carrying the estimated partial, recorded once in the tracker", async () => {
    const tracker = new CostTracker();
    server.reply({ text: "one two three four five six seven eight", cutAfterChunks: 3 });
    const p = provider({ tracker });
    const received: string[] = [];
    const error = await (async () => {
      for await (const chunk of p.stream({ messages: question })) received.push(chunk.content);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    const partial = (error as ProviderError).partial!;
    expect(partial.estimated).toBe(true);
    expect(partial.content).toBe(received.join(""));
    expect(partial.tokensOutput).toBe(p.countTokens({ messages: question, completion: received.join("") }).output);
    expect(partial.tokensInput).toBe(p.countTokens({ messages: question }).input);
    expect(tracker.calls).toHaveLength(1);
    expect(tracker.calls[0]).toMatchObject({ estimated: true, tokensInput: partial.tokensInput, tokensOutput: partial.tokensOutput, cost: partial.cost });
  });
});
