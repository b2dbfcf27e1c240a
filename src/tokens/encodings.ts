import { rememberShortTextCounts } from "./remembered-counts";

/** The BPE encodings this package counts with. */
export type EncodingName = "o200k_base" | "cl100k_base";

/** What this package uses of a gpt-tokenizer encoding module. */
type Encoder = Pick<typeof import("gpt-tokenizer/encoding/o200k_base"), "countTokens">;

/** Text that looks like a special token (`<|endoftext|>`) is counted as the plain text it is, as the APIs bill it. */
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

const encoders = new Map<EncodingName, Encoder>();

function loadEncoder(name: EncodingName): Encoder {
  // gpt-tokenizer builds an encoding when its module is loaded (~0.3 s and ~70 MB for o200k_base),
  // so it is required on first use only, never at import.
  /* eslint-disable @typescript-eslint/no-require-imports */
  return name === "o200k_base"
    ? (require("gpt-tokenizer/encoding/o200k_base") as Encoder)
    : (require("gpt-tokenizer/encoding/cl100k_base") as Encoder);
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/**
 * The gpt-tokenizer encoder of one encoding, built once on first use (or by `warmUpTokenizers`)
 * and then shared. gpt-tokenizer gives the same token ids as tiktoken.
 */
export function encoderFor(name: EncodingName): Encoder {
  let encoder = encoders.get(name);
  if (encoder === undefined) {
    encoder = loadEncoder(name);
    encoders.set(name, encoder);
  }
  return encoder;
}

/**
 * The encoding OpenAI uses for a model id: `cl100k_base` for the GPT-4 / GPT-3.5 generation and
 * the text-embedding-3 models, `o200k_base` for everything newer (gpt-4o, gpt-4.1, o-series, gpt-5).
 * A fine-tuned model (`ft:<base>:…`) is counted in its base model's encoding.
 */
export function encodingForModel(model: string): EncodingName {
  return /^(ft:)?(gpt-4(-|:|$)|gpt-3\.5|gpt-35|text-embedding-)/.test(model) ? "cl100k_base" : "o200k_base";
}

/** Tokens of a text in an encoding, every call counted afresh (see {@link countPlainTokens}). */
export function encodedLength(name: EncodingName, text: string): number {
  return encoderFor(name).countTokens(text, AS_PLAIN_TEXT);
}

/** Counts per encoding, short texts remembered: stream deltas and role names repeat. */
const plainTokens: Record<EncodingName, (text: string) => number> = {
  o200k_base: rememberShortTextCounts((text) => encodedLength("o200k_base", text)),
  cl100k_base: rememberShortTextCounts((text) => encodedLength("cl100k_base", text)),
};

/**
 * Tokens of a text in an encoding, with text that looks like a special token (`<|endoftext|>`)
 * counted as the plain text it is, the way the APIs bill user content.
 */
export function countPlainTokens(name: EncodingName, text: string): number {
  return plainTokens[name](text);
}
