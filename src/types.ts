import type { BaseMessage } from "@langchain/core/messages";
import type { Callbacks } from "@langchain/core/callbacks/manager";

/** The role of a plain chat message. */
export type ChatRole = "system" | "user" | "assistant";

/** A plain chat message; every `messages` parameter also accepts LangChain `BaseMessage[]`. */
export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** Messages as callers give them: plain {@link ChatMessage}s or LangChain messages. */
export type MessagesInput = ChatMessage[] | BaseMessage[];

/**
 * Which vendor served a call: the name of a vendor of the package ("openai", "bedrock", "azure"),
 * or, for a LangChain chat model of another package, the `ls_provider` it reported ("anthropic",
 * "google_genai", …). A string, so that a vendor the package does not know is recorded as itself.
 */
export type ProviderName = string;

/** Tokens billed by one call, in the provider-neutral convention of LangChain's `usage_metadata`. */
export interface TokenUsage {
  /** All input tokens billed, cache reads and writes included. */
  input: number;
  /** All output tokens billed, reasoning included. */
  output: number;
  /** Part of `input` read from the provider's prompt cache. */
  cacheRead: number;
  /** Part of `input` written to the provider's prompt cache. */
  cacheWrite: number;
  /** Part of `output` the model spent reasoning (OpenAI `completion_tokens_details.reasoning_tokens`); absent when none were reported. */
  reasoning?: number;
  /** Part of `cacheWrite` written with a 1-hour TTL (Bedrock `usage.cacheDetails`); absent when none. */
  cacheWrite1h?: number;
}

/** The log probability of one output token, with its top alternatives when requested. */
export interface TokenLogprob {
  token: string;
  logprob: number;
  topLogprobs?: { token: string; logprob: number }[];
}

/** One priced model call. */
export interface LLMCallResult {
  /** The text the model answered. */
  content: string;
  /** The id the provider reported (e.g. "gpt-4o-2024-08-06"); for Bedrock, which reports none, the requested id. */
  model: string;
  /** Which vendor served the call. */
  provider: ProviderName;
  /** Equal to `usage.input`. */
  tokensInput: number;
  /** Equal to `usage.output`. */
  tokensOutput: number;
  /** USD, unrounded. */
  cost: number;
  /** The billed tokens, with the cached parts of the input apart. */
  usage: TokenUsage;
  /** True only when tokens were counted locally (e.g. a stream cut off before the provider's usage). */
  estimated: boolean;
  /** The provider response or final AIMessage; never holds a secret. */
  raw?: unknown;
  /** Per-token log probabilities, when requested and returned. */
  logprobs?: TokenLogprob[];
  /** How the call was priced: the source of its price row, the row's model id and when it was checked. Absent when unpriced. */
  pricedWith?: PricedWith;
  /** The service tier the call was priced at (`flex`, `priority`, …); absent for standard rates. */
  serviceTier?: string;
}

/** Where the price of a call came from. */
export interface PricedWith {
  /** `custom`: a `pricing` option; `built-in`: the package's table; `genai-prices`: the second price source. */
  source: "custom" | "built-in" | "genai-prices";
  /** The id of the row that priced the call. */
  model: string;
  /** When that row was last compared with its source (YYYY-MM-DD). */
  checked?: string;
  /**
   * A service tier the provider reported serving the call at (`flex`, `priority`, …) that has no
   * rate of its own on this row (or none for a request this long): the call was priced at
   * standard rates instead. Flagged in the tracker's report.
   */
  unpricedTier?: string;
  /**
   * A premium over the row's list rates that the call was priced at: an Azure deployment type's
   * (`{ name: "data-zone", factor: 1.1 }`). Absent for list rates and for custom rows.
   */
  premium?: { name: string; factor: number };
}

/** One piece of a streamed answer. */
export interface StreamChunk {
  /** Text delta. */
  content: string;
  /**
   * Output tokens in this delta, counted locally. The last chunk carries `result.tokensOutput`
   * minus the sum so far, so the deltas add up exactly.
   */
  tokensOutput: number;
  /** The LangChain chunk behind this delta. */
  raw?: unknown;
  /** Set on the last chunk only: the whole call, priced. */
  result?: LLMCallResult;
}

/** A priced embeddings call: `content` is "" and `tokensOutput` 0. */
export interface EmbeddingResult extends LLMCallResult {
  /** One vector per input text, in input order. */
  embeddings: number[][];
  /** The length of each vector. */
  dimensions: number;
}

/** Options of one chat call. */
export interface CallOptions {
  messages: MessagesInput;
  temperature?: number;
  maxTokens?: number;
  /** `true` for the chosen tokens' log probabilities; `{ top: n }` adds n alternatives per token. */
  logprobs?: boolean | { top: number };
  signal?: AbortSignal;
  timeoutMs?: number;
  callbacks?: Callbacks;
  tags?: string[];
  metadata?: Record<string, unknown>;
  /**
   * The service tier to ask for (OpenAI `service_tier`: "auto", "default", "flex", "priority";
   * Bedrock `serviceTier.type`: "default", "flex", "priority", "reserved"); the provider's own by default.
   */
  serviceTier?: string;
}
