/**
 * DATA ONLY: the names this package's spans and metrics use. `gen_ai.*` and `error.type` are the
 * released OpenTelemetry GenAI names (`@opentelemetry/semantic-conventions` 1.45, incubating);
 * `gen_ai.usage.cost.*` are the names of the open proposal for cost (semantic-conventions-genai
 * PR #443); `orchestratai.*` is this package's own namespace for what neither names. docs/telemetry.md
 * lists them all with their meaning.
 */

/** Span and metric attribute names. */
export const ATTR = {
  operationName: "gen_ai.operation.name",
  providerName: "gen_ai.provider.name",
  requestModel: "gen_ai.request.model",
  requestMaxTokens: "gen_ai.request.max_tokens",
  requestTemperature: "gen_ai.request.temperature",
  responseModel: "gen_ai.response.model",
  responseFinishReasons: "gen_ai.response.finish_reasons",
  conversationId: "gen_ai.conversation.id",
  inputTokens: "gen_ai.usage.input_tokens",
  outputTokens: "gen_ai.usage.output_tokens",
  cacheReadInputTokens: "gen_ai.usage.cache_read.input_tokens",
  cacheCreationInputTokens: "gen_ai.usage.cache_creation.input_tokens",
  reasoningOutputTokens: "gen_ai.usage.reasoning.output_tokens",
  tokenType: "gen_ai.token.type",
  inputMessages: "gen_ai.input.messages",
  outputMessages: "gen_ai.output.messages",
  errorType: "error.type",
  /** Proposed (PR #443): the call's cost, as a number in `costCurrency`. */
  costAmount: "gen_ai.usage.cost.amount",
  /** Proposed: ISO 4217 code of `costAmount`. */
  costCurrency: "gen_ai.usage.cost.currency",
  /** Proposed: `provider` when the response carried the cost, `local` when the recorder computed it. */
  costSource: "gen_ai.usage.cost.source",
  /** The call's cost in US dollars as the tracker recorded it (0 when unpriced). */
  costUsd: "orchestratai.cost.usd",
  /** Whether the tokens were counted locally (the provider reported none, or the call broke off). */
  costEstimated: "orchestratai.cost.estimated",
  /** Whether a price was known for the model (false: the cost is 0 and the call counts as unpriced). */
  costPriced: "orchestratai.cost.priced",
  /** Where the price row came from: `custom`, `built-in` or `genai-prices`. */
  priceSource: "orchestratai.price.source",
  /** The id of the price row that priced the call. */
  priceModel: "orchestratai.price.model",
  /** The agent role (`metadata.role`, which the factory sets). */
  role: "orchestratai.role",
  /** The LangGraph node (`metadata.langgraph_node`). */
  node: "orchestratai.node",
  /** The id of the call, as `TrackedCall.id` (the LangChain run id of a chat call). */
  callId: "orchestratai.call.id",
} as const;

/** `gen_ai.operation.name` values. */
export const OPERATION = { chat: "chat", embeddings: "embeddings" } as const;

/** `error.type` of a call whose consumer stopped reading it, or that no party ended. */
export const ABANDONED_ERROR_TYPE = "abandoned";

/** Metric names, units and (for histograms) the bucket boundaries the GenAI conventions advise. */
export const METRIC = {
  tokenUsage: {
    name: "gen_ai.client.token.usage",
    unit: "{token}",
    description: "Number of input and output tokens used.",
    buckets: [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864],
  },
  operationDuration: {
    name: "gen_ai.client.operation.duration",
    unit: "s",
    description: "GenAI operation duration.",
    buckets: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92],
  },
  cost: {
    name: "orchestratai.client.cost",
    unit: "USD",
    description: "Cost of the GenAI calls, in US dollars, as the CostTracker priced them.",
  },
} as const;

/** The instrumentation scope of the tracer and the meter. */
export const INSTRUMENTATION_SCOPE = "@orchestratai/llm";
