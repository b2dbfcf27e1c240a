import { converseInputTokens } from "./claude-usage-counts";
import type { HttpExchange } from "./http-exchange";
import { isJsonObject, objectOf, type JsonObject } from "./json-values";
import type { ScriptedError, ScriptedReply } from "./stand-in-types";

/**
 * The bare model ids the Bedrock stand-in's CountTokens accepts by default (the Claude models AWS
 * lists for CountTokens); prefixed inference-profile ids and ARNs are always refused, as on AWS.
 */
export const DEFAULT_COUNT_TOKENS_MODELS: readonly string[] = [
  "anthropic.claude-3-5-haiku-20241022-v1:0",
  "anthropic.claude-3-5-sonnet-20240620-v1:0",
  "anthropic.claude-3-5-sonnet-20241022-v2:0",
  "anthropic.claude-3-7-sonnet-20250219-v1:0",
  "anthropic.claude-sonnet-4-20250514-v1:0",
  "anthropic.claude-opus-4-20250514-v1:0",
  "anthropic.claude-opus-4-1-20250805-v1:0",
  "anthropic.claude-sonnet-4-5-20250929-v1:0",
  "anthropic.claude-haiku-4-5-20251001-v1:0",
];

/** AWS's message for a model CountTokens does not serve. */
const COUNT_TOKENS_UNSUPPORTED = "The provided model doesn't support counting tokens.";

/**
 * Checks a CountTokens request: the model must be one of `supportedModels` (bare ids only) and the
 * body must carry `input.converse` (`input.invokeModel` is not emulated). Returns the ValidationException to send, if any.
 */
export function countTokensProblem(modelId: string, body: unknown, supportedModels: readonly string[]): ScriptedError | undefined {
  if (!supportedModels.includes(modelId)) return { status: 400, type: "ValidationException", message: COUNT_TOKENS_UNSUPPORTED };
  if (!isJsonObject(objectOf(objectOf(body).input).converse)) {
    return { status: 400, type: "ValidationException", message: "The stand-in counts input.converse only; send { input: { converse: { messages, system } } }." };
  }
  return undefined;
}

/** Answers CountTokens with `{ inputTokens }`: `converseInputTokens(input.converse)`, i.e. what Converse bills for the same input. */
export function answerCountTokens(body: JsonObject, script: ScriptedReply, exchange: HttpExchange): void {
  const inputTokens = script.usage?.inputTokens ?? converseInputTokens(objectOf(objectOf(body.input).converse));
  const text = script.malformed === true ? '{"inputTokens": ' : JSON.stringify({ inputTokens });
  exchange.send(200, { "content-type": "application/json" }, text);
}
