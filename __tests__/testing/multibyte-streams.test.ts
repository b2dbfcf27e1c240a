import { claudeTokens, defaultReplyText, openAICompletionTokens } from "../../src/testing";
import { useBedrockStandIn, useOpenAIStandIn } from "../helpers/stand-ins";
import { chatBedrock, chatOpenAI, readChatStream } from "./sdk-clients";

const openai = useOpenAIStandIn();
const bedrock = useBedrockStandIn();

/** Questions whose default replies quote characters that span several tokens. */
const QUESTIONS: [string, string][] = [
  ["emoji and skin tones", "Hands 🫶🏿👋🏽🤌🏻 ok"],
  ["more emoji", "Birds 🦩🪿 and 🫎🪼 ok"],
  ["ZWJ sequences (the issue's question)", "How many tokens is 🧑‍💻 worth? 今日は。"],
  ["ZWJ families and flags", "Family 👨‍👩‍👧‍👦 and flag 🏳️‍🌈 ok"],
  ["CJK, rare characters too", "人工智能正在改变世界。龘靐齉爩 鱻麤 𠮷野家 한국어"],
  ["combining marks", "Cafe\u0301 Z\u0351\u0352\u0353 c\u0327\u0304\u0301 x\u1AB5 o\uFE20\uFE21 done"],
];

describe("streamed deltas join to exactly the non-streamed text, and usage counts that text", () => {
  describe.each(["gpt-4o", "gpt-4-turbo"])("OpenAI stand-in, %s", (model) => {
    it.each(QUESTIONS)("%s", async (_, question) => {
      const text = defaultReplyText(question);
      const whole = await chatOpenAI(openai, { model }).invoke(question);
      const { deltas, usage } = await readChatStream(await chatOpenAI(openai, { model }).stream(question));
      expect(whole.content).toBe(text);
      expect(deltas.join("")).toBe(text);
      expect(deltas.some((delta) => delta.includes("\uFFFD"))).toBe(false);
      expect(deltas.length).toBeGreaterThan(5);
      const tokens = await openAICompletionTokens(text, [], model);
      expect([whole.usage_metadata?.output_tokens, usage?.output_tokens]).toEqual([tokens, tokens]);
    });
  });

  describe("Bedrock stand-in", () => {
    it.each(QUESTIONS)("%s", async (_, question) => {
      const text = defaultReplyText(question);
      const whole = await chatBedrock(bedrock).invoke(question);
      const { deltas, usage } = await readChatStream(await chatBedrock(bedrock).stream(question));
      expect(whole.content).toBe(text);
      expect(deltas.join("")).toBe(text);
      expect(deltas.length).toBeGreaterThan(2);
      expect([whole.usage_metadata?.output_tokens, usage?.output_tokens]).toEqual([claudeTokens(text), claudeTokens(text)]);
    });
  });
});
