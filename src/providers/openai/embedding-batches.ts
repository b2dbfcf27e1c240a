import { InputError } from "../../errors";
import { countPlainTokens } from "../../tokens/encodings";

/** OpenAI's limits on one embeddings request. */
const EMBEDDING_LIMITS = { inputsPerRequest: 2048, tokensPerRequest: 300_000, tokensPerInput: 8191 } as const;

/**
 * A text's tokens, or an upper bound: every cl100k token is at least one UTF-8 byte, so a text of
 * `n` bytes has at most `n` tokens, and only texts longer than `limit` bytes are encoded.
 */
function tokensAtMost(text: string, limit: number): number {
  const bytes = Buffer.byteLength(text, "utf8");
  return bytes <= limit ? bytes : countPlainTokens("cl100k_base", text);
}

/**
 * Splits texts into request batches within OpenAI's limits (inputs and tokens per request),
 * keeping their order, after checking every text: an empty text or one over 8191 tokens is an
 * {@link InputError} before any request is sent.
 *
 * @returns the start index and texts of each batch.
 */
export function embeddingBatches(texts: readonly unknown[], batchSize: number): { start: number; texts: string[] }[] {
  if (!Array.isArray(texts) || texts.length === 0) throw new InputError("texts must be a non-empty array of strings.");
  const size = Math.min(batchSize, EMBEDDING_LIMITS.inputsPerRequest);
  const batches: { start: number; texts: string[] }[] = [];
  let current: { start: number; texts: string[] } | undefined;
  let currentTokens = 0;
  texts.forEach((text, index) => {
    if (typeof text !== "string" || text.trim() === "") {
      throw new InputError(`texts[${index}] is ${typeof text === "string" ? "empty" : `a ${typeof text}`}: every text to embed must be a non-empty string.`);
    }
    const tokens = tokensAtMost(text, EMBEDDING_LIMITS.tokensPerInput);
    if (tokens > EMBEDDING_LIMITS.tokensPerInput) {
      throw new InputError(`texts[${index}] has ${tokens} tokens, over the ${EMBEDDING_LIMITS.tokensPerInput}-token limit of one embedding input: split it first.`);
    }
    if (current === undefined || current.texts.length >= size || currentTokens + tokens > EMBEDDING_LIMITS.tokensPerRequest) {
      current = { start: index, texts: [] };
      currentTokens = 0;
      batches.push(current);
    }
    current.texts.push(text);
    currentTokens += tokens;
  });
  return batches;
}
