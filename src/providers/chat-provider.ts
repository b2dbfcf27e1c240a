import { inspect } from "node:util";
import { describeProvider, providerView, type ProviderView } from "./public-view";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { randomUUID } from "node:crypto";
import type { BaseMessage } from "@langchain/core/messages";
import { ensureConfig, type RunnableConfig } from "@langchain/core/runnables";
import { ConfigurationError, InputError, ProviderError, UnknownModelPricingError } from "../errors";
import { toBaseMessages } from "../messages";
import { findPricing, mergePricing, type PricingTable } from "../pricing";
import { completionTokens } from "../tokens/estimate-usage";
import { estimatedFacts, factsFromMessage, type CallContext } from "../tracking/call-facts";
import type { CostTracker } from "../tracking/cost-tracker";
import { priceCall } from "../tracking/priced-call";
import type { CallOptions, LLMCallResult, ProviderName, StreamChunk, TokenLogprob } from "../types";
import { settingsKey, settingsOf, validateCallOptions, type ModelSettings } from "./call-settings";
import type { LLMProvider, TokenCount } from "./provider";
import { DEFAULT_CALL_TIMEOUT_MS } from "./call-signal";
import type { TimeLimitCallOption } from "./model-call-guard";
import { toProviderError } from "./provider-error";
import { trackersOf } from "./stream-trackers";
import { StreamCollector } from "./stream-collector";

/** Settings every chat provider takes. */
export interface ChatProviderSettings {
  /** The model id to call. */
  model: string;
  temperature?: number;
  /** Default time limit of a call, in milliseconds (a call's own `timeoutMs` wins); default 10 minutes. */
  timeoutMs?: number;
  /** Retries of a retryable failure (429, 5xx, connection reset), default 2. */
  maxRetries?: number;
  /** Prices merged over the built-in table (USD per 1M tokens). */
  pricing?: PricingTable;
  /** A tracker attached to the chat model: every call through it is recorded. */
  tracker?: CostTracker;
  /** Metadata on every run of the chat model (the factory sets `role`). */
  metadata?: Record<string, unknown>;
  /** Tags on every run of the chat model. */
  tags?: string[];
}

/** The fields every wrapped chat model is built with. */
export interface BaseModelFields extends ModelSettings {
  maxRetries: number;
  /** The time limit of a call that sets none, in milliseconds. */
  timeoutMs: number;
  callbacks?: CostTracker[];
  metadata?: Record<string, unknown>;
  tags?: string[];
}

/** The default number of retries of a retryable failure. */
export const DEFAULT_MAX_RETRIES = 2;

/**
 * What OpenAIProvider and BedrockProvider share: validation, the call and stream loops, and pricing
 * through the tracker's converter. Subclasses say how to build their chat model and count tokens.
 */
export abstract class ChatProvider<Model extends BaseChatModel = BaseChatModel> implements LLMProvider {
  abstract readonly provider: ProviderName;
  readonly model: string;
  readonly pricing: PricingTable;
  /** The tracker attached to this provider's chat model, if any. */
  readonly tracker?: CostTracker;
  protected readonly baseFields: BaseModelFields;
  /** The provider's default time limit of a call, in milliseconds. */
  protected readonly defaultTimeoutMs?: number;
  private readonly variants = new Map<string, Model>();
  private model_?: Model;

  protected constructor(settings: ChatProviderSettings) {
    if (typeof settings.model !== "string" || settings.model.trim() === "") {
      throw new ConfigurationError("A provider needs a model id: pass { model: \"…\" }.");
    }
    validateCallOptions({ messages: [], temperature: settings.temperature, timeoutMs: settings.timeoutMs });
    this.model = settings.model;
    this.pricing = mergePricing(settings.pricing);
    if (findPricing(this.model, this.pricing) === undefined) throw new UnknownModelPricingError(this.model);
    this.tracker = settings.tracker;
    this.tracker?.adoptPricing(settings.pricing);
    this.defaultTimeoutMs = settings.timeoutMs;
    this.baseFields = {
      temperature: settings.temperature,
      maxRetries: settings.maxRetries ?? DEFAULT_MAX_RETRIES,
      timeoutMs: settings.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      callbacks: settings.tracker ? [settings.tracker] : undefined,
      metadata: settings.metadata,
      tags: settings.tags,
    };
  }

  /** `JSON.stringify` shows only `{ provider, model }`: never the SDK client or its credentials. */
  toJSON(): ProviderView {
    return providerView(this);
  }

  /** `console.log` / `util.inspect` show only the provider and model. */
  [inspect.custom](): string {
    return describeProvider(this);
  }

  /** The wrapped LangChain chat model, built at first use. */
  get chatModel(): Model {
    return (this.model_ ??= this.createChatModel(this.baseFields));
  }

  /** Builds a chat model with these fields (the provider's, or a per-call variant). */
  protected abstract createChatModel(fields: BaseModelFields): Model;

  /** @inheritdoc */
  abstract countTokens(options: { messages: CallOptions["messages"]; completion?: string }): TokenCount;

  /** Log probabilities carried by a final message, where the provider returns them. */
  protected logprobsOf(_message: BaseMessage): TokenLogprob[] | undefined {
    return undefined;
  }

  /** One call, priced from the usage the provider reported. */
  async complete(options: CallOptions): Promise<LLMCallResult> {
    const { prompt, context, model, config, signal } = this.prepare(options);
    let message: BaseMessage;
    try {
      // The chat model applies the time limit and throws ProviderError (see model-call-guard.ts).
      message = await model.invoke(prompt, config);
    } catch (error) {
      throw toProviderError(error, { provider: this.provider, model: this.model, signal });
    }
    return this.finish(message, context);
  }

  /**
   * One streamed call: text deltas with their local token counts, then the priced result. A stream
   * that fails, is aborted or is left unread part-way is recorded in the trackers as estimated.
   */
  async *stream(options: CallOptions): AsyncGenerator<StreamChunk> {
    const { prompt, context, model, config, signal } = this.prepare(options);
    const runId = randomUUID();
    const collected = new StreamCollector();
    // The chat model's own stream generator, iterated directly: `model.stream()` wraps this same
    // generator in a ReadableStream and an AsyncLocalStorage scope per chunk, which this loop has
    // no use for (it runs in the caller's async context). The chat model applies the time limit,
    // closes its request when the stream ends early and throws ProviderError (model-call-guard.ts).
    const chunks = model._streamIterator(prompt, { ...config, runId });
    let counted = 0;
    let finished = false;
    try {
      for (let step = await chunks.next(); !step.done; step = await chunks.next()) {
        const chunk = step.value;
        const delta = collected.add(chunk);
        if (delta === "") continue;
        const tokensOutput = completionTokens(this.provider, this.model, delta);
        counted += tokensOutput;
        yield { content: delta, tokensOutput, raw: chunk };
      }
      finished = true;
    } catch (error) {
      const partial = collected.text === "" ? undefined : priceCall(estimatedFacts(context, collected.text), this.pricing).result;
      throw toProviderError(error, { provider: this.provider, model: this.model, signal, partial });
    } finally {
      if (!finished) {
        // Failed, aborted, or left unread (`break`): in the trackers before stream() throws or
        // returns, the ones the run inherited (a LangGraph node's) included.
        for (const tracker of trackersOf(this.tracker, ensureConfig(config).callbacks)) tracker.closeStreamRun(runId, collected.text);
        // Close the model's stream, which aborts its request (model-call-guard.ts).
        await chunks.return(undefined);
      }
    }
    const result = this.finish(collected.message(), context);
    yield { content: "", tokensOutput: result.tokensOutput - counted, result };
  }

  private finish(message: BaseMessage, context: CallContext): LLMCallResult {
    const { facts, malformed } = factsFromMessage(message, context);
    const { result } = priceCall({ ...facts, logprobs: this.logprobsOf(message) }, this.pricing);
    if (malformed !== undefined) {
      throw new ProviderError(`${this.provider} call to ${this.model} returned a malformed usage block (${malformed}); the result on \`partial\` is estimated locally.`, {
        provider: this.provider,
        model: this.model,
        reason: "malformed",
        partial: result,
      });
    }
    return result;
  }

  private prepare(options: CallOptions) {
    if (typeof options !== "object" || options === null) throw new InputError("Pass call options: { messages: [{ role, content }, …] }.");
    const prompt = toBaseMessages(options.messages);
    validateCallOptions(options);
    const settings = settingsOf(options);
    const model = settings === undefined ? this.chatModel : this.variant(settings);
    const config: RunnableConfig & TimeLimitCallOption = {
      callbacks: options.callbacks,
      tags: options.tags,
      metadata: options.metadata,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    };
    const context: CallContext = { provider: this.provider, requestedModel: this.model, prompt };
    return { prompt, context, model, config, signal: options.signal };
  }

  private variant(settings: ModelSettings): Model {
    const key = settingsKey(settings);
    let model = this.variants.get(key);
    if (model === undefined) {
      model = this.createChatModel({ ...this.baseFields, ...Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) });
      this.variants.set(key, model);
    }
    return model;
  }
}
