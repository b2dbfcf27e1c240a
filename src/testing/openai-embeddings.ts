import { fakeEmbedding, toBase64Float32 } from "./fake-embeddings";
import type { HttpExchange } from "./http-exchange";
import { arrayOf, numberOf, type JsonObject } from "./json-values";
import { embeddingTokenCounts } from "./openai-usage-counts";
import type { ScriptedError, ScriptedReply } from "./stand-in-types";

/** Vector length per embeddings model when the request gives no `dimensions`. */
const DEFAULT_DIMENSIONS: Record<string, number> = {
  "text-embedding-3-large": 3072,
  "text-embedding-3-small": 1536,
  "text-embedding-ada-002": 1536,
};
/** Inputs one request may carry. */
const MAX_EMBEDDING_INPUTS = 2048;
/** Tokens one input may have. */
const MAX_EMBEDDING_INPUT_TOKENS = 8191;

/** A valid embeddings request. */
export interface EmbeddingsRequest {
  model: string;
  inputs: (string | number[])[];
  tokenCounts: number[];
  dimensions: number;
  format: "float" | "base64";
}

const invalid = (message: string): ScriptedError => ({ status: 400, message });

/** `input` as a list: a string, strings, a token-id array, or token-id arrays; undefined when none of those. */
function inputsOf(input: unknown): (string | number[])[] | undefined {
  if (typeof input === "string") return [input];
  const items = arrayOf(input);
  if (items.length === 0) return undefined;
  if (items.every((item) => typeof item === "number")) return [items as number[]];
  const valid = items.every(
    (item) => typeof item === "string" || (Array.isArray(item) && item.every((id) => typeof id === "number")),
  );
  return valid ? (items as (string | number[])[]) : undefined;
}

/** Reads and validates POST /v1/embeddings the way OpenAI does (400 with OpenAI's messages). */
export async function readEmbeddingsRequest(body: JsonObject, model: string): Promise<EmbeddingsRequest | ScriptedError> {
  const inputs = inputsOf(body.input);
  if (inputs === undefined) return invalid("'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.");
  if (inputs.length > MAX_EMBEDDING_INPUTS) {
    return invalid(`'$.input' is invalid: at most ${MAX_EMBEDDING_INPUTS} inputs per request, got ${inputs.length}.`);
  }
  const tokenCounts = await embeddingTokenCounts(inputs);
  const longest = Math.max(...tokenCounts);
  if (longest > MAX_EMBEDDING_INPUT_TOKENS) {
    return invalid(
      `This model's maximum context length is ${MAX_EMBEDDING_INPUT_TOKENS} tokens, however you requested ${longest} tokens ` +
        `(${longest} in your prompt; 0 for the completion). Please reduce your prompt; or completion length.`,
    );
  }
  const defaultDimensions = DEFAULT_DIMENSIONS[model] ?? 1536;
  const dimensions = numberOf(body.dimensions);
  if (dimensions !== undefined && model === "text-embedding-ada-002") {
    return invalid("This model does not support specifying dimensions.");
  }
  if (dimensions !== undefined && (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > defaultDimensions)) {
    return invalid(`Invalid value for 'dimensions' = ${dimensions}. Must be an integer from 1 to ${defaultDimensions}.`);
  }
  const format = body.encoding_format ?? "float";
  if (format !== "float" && format !== "base64") {
    return invalid(`Invalid value for 'encoding_format': ${JSON.stringify(format)}. Use "float" or "base64".`);
  }
  return { model, inputs, tokenCounts, dimensions: dimensions ?? defaultDimensions, format };
}

/**
 * Answers a valid embeddings request: {@link fakeEmbedding} of each input (token-id inputs hashed
 * as their ids), or the script's `embeddings`; `usage.prompt_tokens` = Σ cl100k tokens of the inputs.
 */
export function answerEmbeddings(request: EmbeddingsRequest, script: ScriptedReply, exchange: HttpExchange): void {
  const data = request.inputs.map((input, index) => {
    const vector =
      script.embeddings?.[index] ?? fakeEmbedding(typeof input === "string" ? input : input.join(" "), request.dimensions);
    return { object: "embedding", index, embedding: request.format === "base64" ? toBase64Float32(vector) : vector };
  });
  const promptTokens = script.usage?.inputTokens ?? request.tokenCounts.reduce((sum, count) => sum + count, 0);
  const body =
    script.malformed === true
      ? '{"object": "list", "data": ['
      : JSON.stringify({ object: "list", data, model: request.model, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } });
  exchange.send(200, { "content-type": "application/json", "x-request-id": "req_standin_embeddings" }, body);
}
