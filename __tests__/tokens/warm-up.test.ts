import { InputError } from "../../src/errors";
import { openAIPromptTokens } from "../../src/tokens/openai-tokens";
import { claudeTextTokens } from "../../src/tokens/claude-tokens";
import * as encodings from "../../src/tokens/encodings";
import { warmUpTokenizers } from "../../src/tokens/warm-up";
import { HumanMessage } from "@langchain/core/messages";
import { o200kEncode } from "../helpers/reference-tokens";

// Which encoders a warm-up builds is checked in a fresh process (../entries/built-entries.test.ts).
describe("warmUpTokenizers", () => {
  it("builds the encoders of OpenAI, factory-style and Bedrock ids, then counts stay exact", async () => {
    await expect(warmUpTokenizers(["gpt-4o", "openai:gpt-4-turbo", "bedrock:anthropic.claude-3-haiku-20240307-v1:0"])).resolves.toBeUndefined();
    await expect(warmUpTokenizers()).resolves.toBeUndefined();
    expect(openAIPromptTokens("gpt-4o", [new HumanMessage("Warm and ready")])).toBe(3 + 1 + o200kEncode("Warm and ready").length + 3);
    expect(claudeTextTokens("Hello, world")).toBeGreaterThan(0);
  });

  it("builds each encoder the models need once, in order; every encoding when given none", async () => {
    const built = jest.spyOn(encodings, "encoderFor");
    const names = async (models?: string[]): Promise<string[]> => {
      built.mockClear();
      await warmUpTokenizers(models);
      return built.mock.calls.map(([name]) => name);
    };
    try {
      expect(await names()).toEqual(["o200k_base", "cl100k_base"]);
      expect(await names(["gpt-4o", "openai:o3", "gpt-4o-mini"])).toEqual(["o200k_base"]);
      expect(await names(["bedrock:anthropic.claude-3-haiku-20240307-v1:0", "openai:gpt-4-turbo"])).toEqual(["cl100k_base"]);
      expect(await names([])).toEqual([]);
    } finally {
      built.mockRestore();
    }
  });

  it("refuses anything but a list of model ids, with what to pass", async () => {
    for (const bad of ["gpt-4o", [42], ["gpt-4o", 42], null]) {
      await expect(warmUpTokenizers(bad as unknown as string[])).rejects.toThrow(
        new InputError('warmUpTokenizers(models) takes an array of model ids, e.g. ["gpt-4o"], or nothing for every encoding.'),
      );
    }
  });
});
