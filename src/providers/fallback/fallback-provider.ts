import { inspect } from "node:util";
import type { PricingTable } from "../../pricing";
import { FELL_BACK_FROM } from "../../tracking/fallback-labels";
import type { CallOptions, LLMCallResult, ProviderName, StreamChunk } from "../../types";
import type { TokenCount } from "../provider";
import type { RoleChatProvider } from "../vendor-kit";
import type { AttemptContext, FallbackChain } from "./fallback-chain";
import { FallbackChatModel } from "./fallback-chat-model";

/**
 * A call's options for one attempt: the attempt's delivery watch added to its callbacks, and for an
 * attempt after the chain's first, the models it falls back from in its metadata.
 */
function attemptCallOptions(options: CallOptions, { fellBackFrom, watch }: AttemptContext): CallOptions {
  const watched = { ...options, callbacks: watch.addTo(options.callbacks) };
  return fellBackFrom === undefined ? watched : { ...watched, metadata: { ...options.metadata, [FELL_BACK_FROM]: fellBackFrom } };
}

/**
 * A role's provider when its setting names a fallback chain: `complete()` and `stream()` go to each
 * provider of the chain in turn (see `FallbackChain`: on to the next on a retryable failure, a
 * stream only before its first chunk, models cooling down skipped). Each attempt is its provider's
 * own call, priced and recorded with that provider and model under the role; an attempt after the
 * first also names the models it fell back from (`TrackedCall.fellBackFrom`). `provider`, `model`,
 * `pricing` and `countTokens` are the chain's first provider's; `chatModel` is the chain's
 * {@link FallbackChatModel}.
 */
export class FallbackProvider implements RoleChatProvider {
  readonly chatModel: FallbackChatModel;

  constructor(readonly chain: FallbackChain<RoleChatProvider>) {
    this.chatModel = new FallbackChatModel(chain.map((provider) => provider.chatModel));
  }

  /** The first provider's vendor. */
  get provider(): ProviderName {
    return this.chain.primary.target.provider;
  }

  /** The first provider's model. */
  get model(): string {
    return this.chain.primary.target.model;
  }

  /** The first provider's prices. */
  get pricing(): PricingTable {
    return this.chain.primary.target.pricing;
  }

  /** One call, answered by the first provider of the chain that can. */
  complete(options: CallOptions): Promise<LLMCallResult> {
    return this.chain.invoke((provider, attempt) => provider.complete(attemptCallOptions(options, attempt)), options.signal);
  }

  /** One streamed call, from the first provider of the chain that begins to answer. */
  stream(options: CallOptions): AsyncIterable<StreamChunk> {
    return this.chain.stream((provider, attempt) => provider.stream(attemptCallOptions(options, attempt))[Symbol.asyncIterator](), options.signal);
  }

  /** The first provider's local count. */
  countTokens(options: { messages: CallOptions["messages"]; completion?: string }): TokenCount {
    return this.chain.primary.target.countTokens(options);
  }

  /** `JSON.stringify` shows the chain's models only. */
  toJSON(): { provider: string; model: string; chain: string[] } {
    return { provider: this.provider, model: this.model, chain: this.chain.members.map((member) => member.label) };
  }

  /** `console.log` / `util.inspect` show the chain's models only. */
  [inspect.custom](): string {
    return this.chain.describe("FallbackProvider");
  }
}
