import { Tiktoken, type TiktokenBPE } from "js-tiktoken/lite";
import { rememberShortTextCounts } from "./remembered-counts";

/** The BPE encodings this package counts with. */
export type EncodingName = "o200k_base" | "cl100k_base";

const encoders = new Map<EncodingName, Tiktoken>();

function loadRanks(name: EncodingName): TiktokenBPE {
  // Loaded on first use only: each ranks module is megabytes of data (never at import).
  /* eslint-disable @typescript-eslint/no-require-imports */
  return name === "o200k_base"
    ? (require("js-tiktoken/ranks/o200k_base") as TiktokenBPE)
    : (require("js-tiktoken/ranks/cl100k_base") as TiktokenBPE);
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/**
 * The js-tiktoken encoder of one encoding, built once on first use and then shared.
 */
function encoderFor(name: EncodingName): Tiktoken {
  let encoder = encoders.get(name);
  if (encoder === undefined) {
    encoder = new Tiktoken(loadRanks(name));
    encoders.set(name, encoder);
  }
  return encoder;
}

/**
 * The encoding OpenAI uses for a model id: `cl100k_base` for the GPT-4 / GPT-3.5 generation and
 * the text-embedding-3 models, `o200k_base` for everything newer (gpt-4o, gpt-4.1, o-series, gpt-5).
 */
export function encodingForModel(model: string): EncodingName {
  return /^(gpt-4(-|$)|gpt-3\.5|gpt-35|text-embedding-)/.test(model) ? "cl100k_base" : "o200k_base";
}

/** Tokens of a text in an encoding, every call encoded afresh (see {@link countPlainTokens}). */
export function encodedLength(name: EncodingName, text: string): number {
  return encoderFor(name).encode(text, [], []).length;
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
