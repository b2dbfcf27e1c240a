import { cl100kEncode as cl100k, o200kEncode as o200k } from "../helpers/reference-tokens";
import { countPlainTokens, encodingForModel } from "../../src/tokens/encodings";

describe("countPlainTokens", () => {
  it("agrees with an independent tokenizer on short (remembered) and long texts, special-token text included", () => {
    const texts = [" the", "Hello", "<|endoftext|>", "東京", "🎉🚀", "x".repeat(40) + " and a longer sentence past the short limit"];
    for (const text of texts) {
      expect(countPlainTokens("o200k_base", text)).toBe(o200k(text).length);
      expect(countPlainTokens("cl100k_base", text)).toBe(cl100k(text).length);
      // asked again: the remembered count is the same
      expect(countPlainTokens("o200k_base", text)).toBe(o200k(text).length);
    }
  });

  it("stays correct after its memory of short texts fills up and starts again", () => {
    for (let i = 0; i < 10_050; i++) countPlainTokens("cl100k_base", `w${i}`);
    expect(countPlainTokens("cl100k_base", "w10049")).toBe(cl100k("w10049").length);
    expect(countPlainTokens("cl100k_base", " the")).toBe(1);
  });

  it("picks cl100k for the GPT-4 generation and embeddings, o200k for newer models", () => {
    expect(["gpt-4", "gpt-4-turbo", "gpt-3.5-turbo", "text-embedding-3-large", "gpt-4o", "gpt-4.1", "o3", "gpt-5"].map(encodingForModel)).toEqual([
      "cl100k_base", "cl100k_base", "cl100k_base", "cl100k_base", "o200k_base", "o200k_base", "o200k_base", "o200k_base",
    ]);
  });

  it("counts a fine-tuned model in its base model's encoding", () => {
    const ids = ["ft:gpt-4-0613:acme::8abc", "ft:gpt-3.5-turbo-0125:acme:triage:9xyz", "ft:gpt-4o-mini-2024-07-18:acme::7def", "ft:gpt-4.1-2025-04-14:acme::6ghi"];
    expect(ids.map(encodingForModel)).toEqual(["cl100k_base", "cl100k_base", "o200k_base", "o200k_base"]);
    // The base model's name must start the id (after `ft:`): a name that merely contains it is not that model.
    expect(encodingForModel("my-gpt-4-clone")).toBe("o200k_base");
  });
});
