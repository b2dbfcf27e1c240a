import { setImmediate as nextTurn } from "node:timers/promises";
import { InputError } from "../errors";
import { parseModelId, vendorOf } from "../providers/vendors";
import { encoderFor, type EncodingName } from "./encodings";

/** Every encoding the package counts with: o200k_base (gpt-4o and newer), cl100k_base (GPT-4, embeddings, Claude's approximation). */
const ALL_ENCODINGS: readonly EncodingName[] = ["o200k_base", "cl100k_base"];

/** The encoding a model's local counts use, by its vendor's descriptor (Bedrock's are approximated from cl100k_base pieces). */
function encodingOf(model: string): EncodingName {
  const { provider, model: bare } = parseModelId(model);
  return vendorOf(provider).tokens.encoding(bare);
}

/**
 * Builds the tokenizers that local token counts need, ahead of the first request. Without it the
 * first `countTokens`, stream or embeddings batch of a process builds its encoder then (about
 * 0.3 s of blocked event loop for o200k_base): a server calls this once at start-up, before it
 * accepts requests. Encoders are built once per process; calling it again costs nothing.
 *
 * @param models - model ids as the providers or the factory take them (`"gpt-4o"`,
 *   `"us.anthropic.claude-…"`, `"openai:gpt-4-turbo"`); default: every encoding the package uses.
 *   Each encoder is built in its own turn of the event loop.
 * @throws InputError when `models` is not an array of model-id strings.
 */
export async function warmUpTokenizers(models?: readonly string[]): Promise<void> {
  if (models !== undefined && (!Array.isArray(models) || !models.every((model) => typeof model === "string"))) {
    throw new InputError('warmUpTokenizers(models) takes an array of model ids, e.g. ["gpt-4o"], or nothing for every encoding.');
  }
  for (const name of new Set(models?.map(encodingOf) ?? ALL_ENCODINGS)) {
    await nextTurn();
    // A first count also compiles the encoding's pre-tokenization pattern.
    encoderFor(name).countTokens("warm up");
  }
}
