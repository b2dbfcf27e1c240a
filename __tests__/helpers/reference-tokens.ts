import { Tiktoken, type TiktokenBPE } from "js-tiktoken/lite";

/**
 * Token counts by js-tiktoken: an implementation of the same encodings other than the package's
 * (gpt-tokenizer) and the stand-ins' (tiktoken WASM), so a test comparing with it can fail.
 * Each encoder is built on first use (~1 s for o200k_base).
 */
const encoders: Partial<Record<"o200k_base" | "cl100k_base", Tiktoken>> = {};

function encoder(name: "o200k_base" | "cl100k_base"): Tiktoken {
  /* eslint-disable @typescript-eslint/no-require-imports */
  encoders[name] ??= new Tiktoken(
    name === "o200k_base" ? (require("js-tiktoken/ranks/o200k_base") as TiktokenBPE) : (require("js-tiktoken/ranks/cl100k_base") as TiktokenBPE),
  );
  /* eslint-enable @typescript-eslint/no-require-imports */
  return encoders[name];
}

/** Token ids of a text in o200k_base, special-token text encoded as plain text. */
export function o200kEncode(text: string): number[] {
  return encoder("o200k_base").encode(text, [], []);
}

/** Token ids of a text in cl100k_base, special-token text encoded as plain text. */
export function cl100kEncode(text: string): number[] {
  return encoder("cl100k_base").encode(text, [], []);
}
