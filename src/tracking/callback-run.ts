import type { BaseMessage } from "@langchain/core/messages";
import type { PriceList } from "../pricing";
import { providerOfRun } from "../providers/vendors";
import type { CallLabels, CallRunInit } from "./call-run";
import { wellFormed } from "../well-formed";
import { fellBackFromOf } from "./fallback-labels";

/**
 * The metadata key under which a provider's chat model carries its provider's prices (a
 * `PriceList`), so that a
 * tracker prices a run of that model (used directly, or through `runnableFor`) with the rows the
 * provider was given. A symbol: it reaches the callbacks with the model's metadata but is never
 * serialized into traces.
 */
export const RUN_PRICING: unique symbol = Symbol.for("@orchestratai/llm:pricing");

/**
 * The metadata key under which a provider's chat model names the model its text is counted as,
 * when that is not the model id it calls (an Azure deployment's model), so that a run of that chat
 * model used directly is estimated and reserved as the provider's own calls are. A symbol, as
 * {@link RUN_PRICING}.
 */
export const RUN_COUNTING_MODEL: unique symbol = Symbol.for("@orchestratai/llm:counting-model");

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A label as the books keep it: a non-empty string, well-formed (half an emoji becomes U+FFFD). */
function labelOf(value: unknown): string | undefined {
  const text = stringOf(value);
  return text === undefined ? undefined : wellFormed(text);
}

function paramsOf(extraParams: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  return extraParams?.invocation_params as Record<string, unknown> | undefined;
}

function requestedModelOf(params: Record<string, unknown> | undefined, metadata: Record<string, unknown> | undefined): string {
  return stringOf(metadata?.ls_model_name) ?? stringOf(params?.model) ?? stringOf(params?.modelId) ?? "unknown";
}

function wholeNumberOf(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The output limit a run asked for: OpenAI's `max_tokens` / `max_completion_tokens`, Bedrock's `inferenceConfig.maxTokens`. */
function maxOutputTokensOf(params: Record<string, unknown> | undefined, metadata: Record<string, unknown> | undefined): number | undefined {
  const inference = params?.inferenceConfig as Record<string, unknown> | undefined;
  return (
    wholeNumberOf(params?.max_completion_tokens) ??
    wholeNumberOf(params?.max_tokens) ??
    wholeNumberOf(inference?.maxTokens) ??
    wholeNumberOf(metadata?.ls_max_tokens)
  );
}

/** The service tier a run asked for: OpenAI's `service_tier`, Bedrock's `serviceTier.type`. */
function serviceTierOf(params: Record<string, unknown> | undefined): string | undefined {
  const bedrock = params?.serviceTier as { type?: unknown } | undefined;
  return stringOf(params?.service_tier) ?? stringOf(bedrock?.type);
}

/** Role, node and thread of a run, from its metadata (the factory sets `role`, LangGraph the rest, a fallback chain `fell_back_from`). */
export function labelsOf(metadata: Record<string, unknown> | undefined): CallLabels {
  const labels: CallLabels = {
    role: labelOf(metadata?.role),
    node: labelOf(metadata?.langgraph_node),
    threadId: labelOf(metadata?.thread_id),
    metadata,
  };
  const fellBackFrom = fellBackFromOf(metadata);
  if (fellBackFrom !== undefined) labels.fellBackFrom = fellBackFrom;
  return labels;
}

/** What the callbacks tell of a run no provider sent (a chat model used directly): enough to price, limit and attribute it. */
export function callbackRunInit(
  runId: string,
  prompt: readonly BaseMessage[],
  extraParams: Record<string, unknown> | undefined,
  metadata: Record<string, unknown> | undefined,
  trackerPrices: PriceList,
): CallRunInit {
  const params = paramsOf(extraParams);
  const requestedModel = requestedModelOf(params, metadata);
  const modelPrices = metadata?.[RUN_PRICING as unknown as string] as PriceList | undefined;
  return {
    id: runId,
    provider: providerOfRun(stringOf(metadata?.ls_provider), requestedModel),
    requestedModel,
    prompt,
    prices: modelPrices ?? trackerPrices,
    labels: labelsOf(metadata),
    maxOutputTokens: maxOutputTokensOf(params, metadata),
    serviceTier: serviceTierOf(params),
    countingModel: stringOf(metadata?.[RUN_COUNTING_MODEL as unknown as string]),
    endedBy: "callbacks",
  };
}
