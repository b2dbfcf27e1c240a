import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { InputError, ProviderError } from "../../src/errors";
import { embeddingTokenCounts } from "../../src/testing/openai-usage-counts";
import { CostTracker } from "../../src/tracking/cost-tracker";
import type { CallOptions } from "../../src/types";
import { openAIEmbeddingsAt, useOpenAIStandIn } from "../helpers/stand-ins";
import { drain, failureOf, QUESTION } from "./support/outcomes";
import { PROVIDER_KINDS, useRig } from "./support/rigs";

/** Call options that must be refused before any request, with the message each must carry. */
const INVALID_CALLS: [string, unknown, string][] = [
  ["empty messages", { messages: [] }, "messages must be a non-empty array of { role, content } objects or LangChain messages."],
  ["messages that are not an array", { messages: "What is the capital of France?" }, "messages must be a non-empty array"],
  ["no options at all", undefined, "Pass call options: { messages: [{ role, content }, …] }."],
  ["a message that is not an object", { messages: [null] }, "messages[0] is not a message: pass { role, content } objects or LangChain messages."],
  ["an unknown role", { messages: [{ role: "wizard", content: "x" }] }, 'messages[0] has an unknown role "wizard": use "system", "user" or "assistant".'],
  ["a role inherited from Object.prototype", { messages: [{ role: "toString", content: "x" }] }, 'messages[0] has an unknown role "toString"'],
  ["numeric content", { messages: [{ role: "user", content: 42 }] }, "messages[0].content must be a string, got number."],
  ["null content", { messages: [{ role: "user", content: "ok" }, { role: "user", content: null }] }, "messages[1].content must be a string, got null."],
  ["content blocks", { messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }] }, "messages[0].content must be a string, got object."],
  ["empty content", { messages: [{ role: "user", content: "" }] }, "messages[0].content is empty: give every message some text"],
  ["blank content after a good message", { messages: [{ role: "system", content: "Be terse." }, { role: "user", content: " \n " }] }, "messages[1].content is empty"],
  ["an empty LangChain message", { messages: [new HumanMessage("")] }, "messages[0].content is empty"],
  ["a NaN temperature", { messages: QUESTION, temperature: Number.NaN }, "temperature must be a number from 0 to 2, got NaN."],
  ["a negative maxTokens", { messages: QUESTION, maxTokens: -5 }, "maxTokens must be a positive whole number, got -5."],
  ["a zero timeoutMs", { messages: QUESTION, timeoutMs: 0 }, "timeoutMs must be a positive number of milliseconds, got 0."],
  ["too many top logprobs", { messages: QUESTION, logprobs: { top: 21 } }, "logprobs.top must be a whole number from 0 to 20."],
];

describe.each(PROVIDER_KINDS)("%s: bad input is a clear InputError before any request", (kind) => {
  const rig = useRig(kind);

  it.each(INVALID_CALLS)("complete() refuses %s", async (_case, options, message) => {
    const error = await failureOf(() => rig.provider().complete(options as CallOptions));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain(message);
    expect(rig.server.requests).toHaveLength(0);
  });

  it.each(INVALID_CALLS)("stream() refuses %s", async (_case, options, message) => {
    const { chunks, error } = await drain(rig.provider().stream(options as CallOptions));
    expect(chunks).toHaveLength(0);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain(message);
    expect(rig.server.requests).toHaveLength(0);
  });

  it("an assistant message that only calls tools may be blank", async () => {
    const messages = [
      new HumanMessage("What is the weather in Paris?"),
      new AIMessage({ content: "", tool_calls: [{ id: "call_1", name: "weather", args: { city: "Paris" } }] }),
      new ToolMessage({ content: "Sunny, 21 °C.", tool_call_id: "call_1" }),
    ];
    rig.server.reply({ text: "Sunny." });
    const result = await rig.provider().complete({ messages });
    expect(result.content).toBe("Sunny.");
    expect(rig.server.requests).toHaveLength(1);
  });

  it("countTokens() refuses the same bad messages", () => {
    const provider = rig.provider();
    expect(() => provider.countTokens({ messages: [] })).toThrow(InputError);
    expect(() => provider.countTokens({ messages: [{ role: "wizard", content: "x" }] as never })).toThrow('unknown role "wizard"');
  });
});

describe.each(PROVIDER_KINDS)("%s: a malformed usage block is a ProviderError with an estimated partial", (kind) => {
  const rig = useRig(kind);

  it.each([
    ["a negative output count", { outputTokens: -3 }, /usage output is -3, not a non-negative whole number/],
    ["a negative input count", { inputTokens: -40 }, /usage input is -?\d+, not a non-negative whole number/],
    ["a string output count", { outputTokens: "12" as unknown as number }, /usage output is "?\d*12"?, not a non-negative whole number/],
    ["a NaN output count (sent as JSON null)", { outputTokens: Number.NaN }, /usage output is \S+, not a non-negative whole number/],
    ["a fractional output count", { outputTokens: 2.5 }, /usage output is 2.5, not a non-negative whole number/],
  ])("complete() with %s: reason \"malformed\", partial counted locally, the tracker records the same estimate", async (_case, usage, problem) => {
    const tracker = new CostTracker();
    const provider = rig.provider({ tracker });
    rig.server.reply({ text: "Paris.", usage });
    const error = await failureOf(() => provider.complete({ messages: QUESTION }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: kind, reason: "malformed" });
    expect((error as ProviderError).message).toMatch(problem);
    const local = provider.countTokens({ messages: QUESTION, completion: "Paris." });
    const partial = (error as ProviderError).partial;
    expect(partial).toMatchObject({ content: "Paris.", estimated: true, tokensInput: local.input, tokensOutput: local.output });
    expect(Number.isFinite(partial?.cost)).toBe(true);
    expect(tracker.calls).toHaveLength(1);
    expect(tracker.calls[0]).toMatchObject({ estimated: true, tokensInput: local.input, tokensOutput: local.output, cost: partial?.cost });
    expect(rig.server.requests).toHaveLength(1);
  });

  it("stream() with a negative output count ends in the same malformed ProviderError after the text", async () => {
    rig.server.reply({ text: "Paris is the capital.", usage: { outputTokens: -1 } });
    const provider = rig.provider();
    const { text, error } = await drain(provider.stream({ messages: QUESTION }));
    expect(text).toBe("Paris is the capital.");
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ reason: "malformed" });
    expect((error as ProviderError).partial).toMatchObject({ estimated: true, tokensOutput: provider.countTokens({ messages: QUESTION, completion: text }).output });
  });
});

describe.each(PROVIDER_KINDS)("%s: text that looks like a special token is plain text, as the APIs count it", (kind) => {
  const rig = useRig(kind);

  const SPECIAL = "A log line ends with <|endoftext|> and <|im_start|> markers.";

  it("countTokens() counts a prompt containing <|endoftext|> like the API bills it", async () => {
    const provider = rig.provider();
    const messages = [{ role: "user" as const, content: SPECIAL }];
    rig.server.reply({ text: "Noted." });
    const billed = await provider.complete({ messages });
    const local = provider.countTokens({ messages });
    if (kind === "openai") expect(local.input).toBe(billed.tokensInput);
    else expect(local.input).toBeGreaterThan(0);
  });

  it("stream() of an answer containing <|endoftext|> ends normally, its deltas adding up to the billed output", async () => {
    rig.server.reply({ text: SPECIAL });
    const { chunks, text, error } = await drain(rig.provider().stream({ messages: QUESTION }));
    expect(error).toBeUndefined();
    expect(text).toBe(SPECIAL);
    const result = chunks.at(-1)?.result;
    expect(result?.estimated).toBe(false);
    expect(chunks.reduce((sum, chunk) => sum + chunk.tokensOutput, 0)).toBe(result?.tokensOutput);
  });

  it("a stream cut after <|endoftext|> arrived still ends in ProviderError \"stream\" with its estimate", async () => {
    const provider = rig.provider();
    rig.server.reply({ text: `${SPECIAL} And then some more words that never arrive.`, cutAfterChunks: 20 });
    const { text, error } = await drain(provider.stream({ messages: QUESTION }));
    expect(text).toContain("<|endoftext|>");
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ reason: "stream" });
    expect((error as ProviderError).partial).toMatchObject({ content: text, estimated: true, tokensOutput: provider.countTokens({ messages: QUESTION, completion: text }).output });
  });
});

describe("embeddings: bad texts are an InputError before any request", () => {
  const server = useOpenAIStandIn();
  const embeddings = () => openAIEmbeddingsAt(server, { model: "text-embedding-3-small", apiKey: "sk-reliability" });

  it("refuses a text over 8191 tokens, naming its index and its count", async () => {
    const huge = "reliability ".repeat(9_000);
    const [tokens] = await embeddingTokenCounts([huge]);
    expect(tokens).toBeGreaterThan(8_191);
    const error = await failureOf(() => embeddings().embed({ texts: ["short", huge] }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(`texts[1] has ${tokens} tokens, over the 8191-token limit of one embedding input: split it first.`);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ["no texts", [], "texts must be a non-empty array of strings."],
    ["an empty text", ["ok", "  "], "texts[1] is empty: every text to embed must be a non-empty string."],
    ["a number", ["ok", 7], "texts[1] is a number: every text to embed must be a non-empty string."],
  ])("refuses %s", async (_case, texts, message) => {
    const error = await failureOf(() => embeddings().embed({ texts: texts as string[] }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(message);
    expect(server.requests).toHaveLength(0);
  });
});
