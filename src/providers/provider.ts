import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { PricingTable } from "../pricing";
import type { CallOptions, LLMCallResult, ProviderName, StreamChunk } from "../types";

/** A local token count: `exact` is false where it is an approximation (Claude models). */
export interface TokenCount {
  /** Tokens the messages bill as a prompt, message framing included. */
  input: number;
  /** Tokens of `completion`, when given (else 0). */
  output: number;
  exact: boolean;
}

/** The one contract every chat provider implements (the seed story's `BaseLLMProvider`). */
export interface LLMProvider {
  readonly provider: ProviderName;
  /** The model id calls ask for. */
  readonly model: string;
  /** The prices this provider uses: the built-in table with any `pricing` option merged over it. */
  readonly pricing: PricingTable;
  /** The wrapped LangChain chat model (ChatOpenAI / ChatBedrockConverse). */
  readonly chatModel: BaseChatModel;
  /** One call, priced. */
  complete(options: CallOptions): Promise<LLMCallResult>;
  /** One streamed call: text deltas, the last chunk carrying the priced `result`. */
  stream(options: CallOptions): AsyncIterable<StreamChunk>;
  /** Local and synchronous token count of a prompt (and optionally a completion). */
  countTokens(options: { messages: CallOptions["messages"]; completion?: string }): TokenCount;
}
