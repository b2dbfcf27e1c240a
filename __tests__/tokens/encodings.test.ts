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
});
