import * as testing from "../../src/testing";
import {
  claudeTokens,
  converseInputTokens,
  converseOutputTokens,
  embeddingTokenCounts,
  fakeEmbedding,
  openAICompletionTokens,
  openAIEncodingName,
  openAIPromptTokens,
  openAITextTokens,
} from "../../src/testing";

describe("the stand-ins' own token counting", () => {
  it("picks the encoding of each OpenAI model family", () => {
    const names = ["gpt-4o-mini", "chatgpt-4o-latest", "gpt-4.1-nano", "gpt-5", "o3-mini", "ft:gpt-4o:acme::1", "gpt-4-turbo", "gpt-4", "gpt-3.5-turbo", "text-embedding-3-large", "davinci-002"];
    expect(names.map(openAIEncodingName)).toEqual([
      "o200k_base", "o200k_base", "o200k_base", "o200k_base", "o200k_base", "o200k_base",
      "cl100k_base", "cl100k_base", "cl100k_base", "cl100k_base", "o200k_base",
    ]);
  });

  it("frames OpenAI prompts: 3 per message + role + content (+ name + 1, + tool calls), + 3 priming", async () => {
    const tokens = (text: string) => openAITextTokens(text, "gpt-4o");
    const messages = [
      { role: "user", content: [{ type: "text", text: "Weather in Paris?" }, { type: "image_url", image_url: { url: "x" } }], name: "bob" },
      { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
      { role: "tool", content: "sunny", tool_call_id: "c1" },
      "not a message",
    ];
    const expected =
      3 + (await tokens("user")) + (await tokens("Weather in Paris?")) + (await tokens("bob")) + 1 +
      3 + (await tokens("assistant")) + (await tokens("get_weather")) + (await tokens('{"city":"Paris"}')) +
      3 + (await tokens("tool")) + (await tokens("sunny")) +
      3;
    expect(await openAIPromptTokens(messages, "gpt-4o")).toBe(expected);
    expect(await openAIPromptTokens([{ role: "user", content: "<|endoftext|>" }], "gpt-4o")).toBe(3 + 1 + 7 + 3);
    expect(await openAICompletionTokens("Hi", [{ name: "f", arguments: "{}" }], "gpt-4o")).toBe(3);
  });

  it("counts embeddings inputs with cl100k, token-id inputs by length", async () => {
    expect(await embeddingTokenCounts(["Hello world", [5, 6, 7, 8]])).toEqual([2, 4]);
  });

  it("frames Converse input: system blocks + 3 per message + its blocks; output: text + tool uses", () => {
    const messages = [
      { role: "user", content: [{ text: "Hi" }, { image: { format: "png" } }, { cachePoint: { type: "default" } }] },
      { role: "assistant", content: [{ toolUse: { toolUseId: "t", name: "f" } }, "junk"] },
      { role: "user", content: [{ toolResult: { toolUseId: "t", content: [{ text: "done" }] } }] },
    ];
    expect(converseInputTokens({ messages, system: [{ text: "Be brief." }] })).toBe(
      claudeTokens("Be brief.") + 3 + claudeTokens("Hi") + 3 + claudeTokens("f") + claudeTokens("{}") + 3 + claudeTokens("done"),
    );
    expect(converseInputTokens({})).toBe(0);
    expect(converseOutputTokens("Hello", [{ name: "f", input: { a: 1 } }])).toBe(claudeTokens("Hello") + claudeTokens("f") + claudeTokens('{"a":1}'));
    expect(claudeTokens("Hello, world")).toBe(3);
  });

  it("gives a text without words the unit vector on the first axis", () => {
    expect(fakeEmbedding("!!! ???", 4)).toEqual([1, 0, 0, 0]);
    expect(fakeEmbedding("Cat", 8)).toEqual(fakeEmbedding("cat", 8));
  });

  it("exports the documented API from @orchestratai/llm/testing", () => {
    const values = Object.fromEntries(Object.keys(testing).map((name) => [name, typeof testing[name as keyof typeof testing]]));
    expect(values).toEqual({
      startOpenAIStandIn: "function",
      startBedrockStandIn: "function",
      startStandIns: "function",
      embeddingTokenCounts: "function",
      openAICompletionTokens: "function",
      openAIEncodingName: "function",
      openAIPromptTokens: "function",
      openAITextTokens: "function",
      OPENAI_REPLY_PRIMING_TOKENS: "number",
      OPENAI_TOKENS_PER_MESSAGE: "number",
      claudeTokens: "function",
      converseInputTokens: "function",
      converseOutputTokens: "function",
      CLAUDE_TOKENS_PER_MESSAGE: "number",
      DEFAULT_COUNT_TOKENS_MODELS: "object",
      answeredModel: "function",
      defaultReplyText: "function",
      fakeEmbedding: "function",
      sampleFromSchema: "function",
      standInLogprob: "function",
    });
    expect(testing.answeredModel("gpt-4o")).toBe("gpt-4o-2024-08-06");
    expect(testing.defaultReplyText("  ")).toBe("Stand-in reply.");
    expect(testing.defaultReplyText("one two three four five six\nseven eight nine ten eleven twelve thirteen")).toBe(
      "Stand-in reply to: one two three four five six seven eight nine ten eleven twelve",
    );
  });
});
