import { AIMessage, FunctionMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { openAIPromptTokens, openAITextTokens } from "../../src/tokens/openai-tokens";
import { cl100kEncode, o200kEncode } from "../helpers/reference-tokens";

const TEXT = "Count these words, please.";

describe("openAIPromptTokens", () => {
  it("bills 3 reply-priming tokens for an empty prompt", () => {
    expect(openAIPromptTokens("gpt-4o", [])).toBe(3);
  });

  it.each<[string, BaseMessage]>([
    ["user", new HumanMessage(TEXT)],
    ["assistant", new AIMessage(TEXT)],
    ["system", new SystemMessage(TEXT)],
    ["tool", new ToolMessage({ content: TEXT, tool_call_id: "call_1" })],
  ])("bills a %s message 3 tokens + its role (one token) + its content", (role, message) => {
    expect(o200kEncode(role)).toHaveLength(1);
    expect(openAIPromptTokens("gpt-4o", [message])).toBe(3 + 3 + 1 + o200kEncode(TEXT).length);
  });

  it("adds one token for a message with a name (a function message always has one)", () => {
    const content = o200kEncode(TEXT).length;
    expect(openAIPromptTokens("gpt-4o", [new HumanMessage({ content: TEXT, name: "alice" })])).toBe(3 + 3 + 1 + content + 1);
    expect(openAIPromptTokens("gpt-4o", [new FunctionMessage({ content: TEXT, name: "lookup" })])).toBe(3 + 3 + 1 + content + 1);
  });

  it("counts in the model's encoding and sums the messages", () => {
    const prompt = [new SystemMessage("Be brief."), new HumanMessage("東京の天気は?")];
    const expected = (encode: (text: string) => number[]): number => 3 + (3 + 1 + encode("Be brief.").length) + (3 + 1 + encode("東京の天気は?").length);
    expect(openAIPromptTokens("gpt-4", prompt)).toBe(expected(cl100kEncode));
    expect(openAIPromptTokens("gpt-4o", prompt)).toBe(expected(o200kEncode));
    expect(cl100kEncode("東京の天気は?").length).not.toBe(o200kEncode("東京の天気は?").length);
  });
});

describe("openAITextTokens", () => {
  it("counts generated text in the model's encoding, nothing for no text", () => {
    expect(openAITextTokens("gpt-4o", "")).toBe(0);
    expect(openAITextTokens("gpt-4o", TEXT)).toBe(o200kEncode(TEXT).length);
    expect(openAITextTokens("gpt-4-turbo", "東京の天気は?")).toBe(cl100kEncode("東京の天気は?").length);
  });
});
