import { inspect } from "node:util";
import { describeProvider, providerView, type ProviderView } from "./public-view";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import type { RunnableConfig } from "@langchain/core/runnables";
import { ConfigurationError, InputError, ProviderError, UnknownModelPricingError } from "../errors";
import { toBaseMessages } from "../messages";
import { PriceList, type PricingTable } from "../pricing";
import { completionTokens } from "../tokens/estimate-usage";
import { factsFromMessage } from "../tracking/call-facts";
import { CallRun } from "../tracking/call-run";
import { RUN_PRICING } from "../tracking/callback-run";
import type { CostTracker } from "../tracking/cost-tracker";
import type { PricedCall } from "../tracking/priced-call";
import type { CallOptions, LLMCallResult, ProviderName, StreamChunk, TokenLogprob } from "../types";
import { settingsKey, settingsOf, validateCallOptions, type ModelSettings } from "./call-settings";
import type { LLMProvider, TokenCount } from "./provider";
import { DEFAULT_CALL_TIMEOUT_MS } from "./call-signal";
import type { TimeLimitCallOption } from "./model-call-guard";
import { toProviderError } from "./provider-error";
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
  /**
   * Prices merged over the tracker's (or the built-in) table, USD per 1M tokens: they price this
   * provider's calls, in its results and in every tracker that records them.
   */
  pricing?: PricingTable;
  /** A tracker attached to the chat model: every call through it is recorded. */
  tracker?: CostTracker;
  /** Metadata on every run of the chat model (the factory sets `role`). */
  metadata?: Record<string, unknown>;
  /** Tags on every run of the chat model. */
  tags?: string[];
  /** The service tier every call asks for (a call's own `serviceTier` wins); the vendor's default when absent. */
  serviceTier?: string;
}

/** The fields every wrapped chat model is built with. */
export interface BaseModelFields extends ModelSettings {
  maxRetries: number;
  /** The time limit of a call that sets none, in milliseconds. */
  timeoutMs: number;
  callbacks?: CostTracker[];
  /** The run metadata: the settings' own, and the provider's prices for the trackers (see `RUN_PRICING`). */
  metadata: Record<string, unknown>;
  tags?: string[];
}

/** One call on its way: what `prepare` worked out once. */
interface PreparedCall {
  prompt: BaseMessage[];
  model: BaseChatModel;
  config: RunnableConfig & TimeLimitCallOption & { runId: string };
  run: CallRun;
  signal?: AbortSignal;
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
  /** The prices this provider's calls are billed at: its `pricing` rows over its tracker's prices. */
  readonly pricing: PricingTable;
  /** @internal The same prices in layers, as calls are priced. */
  readonly prices: PriceList;
  /** The tracker attached to this provider's chat model, if any. */
  readonly tracker?: CostTracker;
  protected readonly baseFields: BaseModelFields;
  /** The provider's default time limit of a call, in milliseconds (`timeoutMs`), if it was given one. */
  protected readonly defaultTimeoutMs?: number;
  private readonly variants = new Map<string, Model>();
  private model_?: Model;

  protected constructor(settings: ChatProviderSettings) {
    if (typeof settings.model !== "string" || settings.model.trim() === "") {
      throw new ConfigurationError("A provider needs a model id: pass { model: \"…\" }.");
    }
    validateCallOptions({ messages: [], temperature: settings.temperature, timeoutMs: settings.timeoutMs, serviceTier: settings.serviceTier });
    this.model = settings.model;
    this.prices = (settings.tracker?.prices ?? PriceList.builtIn()).withCustom(settings.pricing);
    this.pricing = this.prices.table();
    if (this.prices.find(this.model) === undefined) throw new UnknownModelPricingError(this.model);
    this.tracker = settings.tracker;
    this.defaultTimeoutMs = settings.timeoutMs;
    this.baseFields = {
      temperature: settings.temperature,
      serviceTier: settings.serviceTier,
      maxRetries: settings.maxRetries ?? DEFAULT_MAX_RETRIES,
      timeoutMs: settings.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      callbacks: settings.tracker ? [settings.tracker] : undefined,
      metadata: { ...settings.metadata, [RUN_PRICING]: this.prices },
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
    const call = this.prepare(options);
    let message: BaseMessage;
    try {
      // The chat model applies the time limit and throws ProviderError (see model-call-guard.ts).
      message = await call.model.invoke(call.prompt, call.config);
    } catch (error) {
      throw await this.failed(call, error, "");
    }
    return this.finish(call, message);
  }

  /**
   * One streamed call: text deltas with their local token counts, then the priced result. A stream
   * that fails, is aborted or is left unread part-way is billed, as estimated, before stream()
   * throws or returns.
   */
  async *stream(options: CallOptions): AsyncGenerator<StreamChunk> {
    const call = this.prepare(options);
    const collected = new StreamCollector();
    // The chat model's own stream generator, iterated directly: `model.stream()` wraps this same
    // generator in a ReadableStream and an AsyncLocalStorage scope per chunk, which this loop has
    // no use for (it runs in the caller's async context). The chat model applies the time limit,
    // closes its request when the stream ends early and throws ProviderError (model-call-guard.ts).
    const chunks = call.model._streamIterator(call.prompt, call.config);
    let counted = 0;
    let finished = false;
    try {
      for (let step = await chunks.next(); !step.done; step = await chunks.next()) {
        // Any chunk, even one without text, means the provider accepted the request (its input is billed).
        call.run.accepted = true;
        const delta = collected.add(step.value);
        if (delta === "") continue;
        const tokensOutput = completionTokens(this.provider, this.model, delta);
        counted += tokensOutput;
        yield { content: delta, tokensOutput, raw: step.value };
      }
      finished = true;
    } catch (error) {
      finished = true;
      throw await this.failed(call, error, collected.text);
    } finally {
      if (!finished) {
        // Left unread (`break`): billed, as estimated from exactly the text its consumer was given,
        // in every tracker the run reached (a LangGraph node's included), before stream() returns.
        await call.run.fail(collected.text);
        // Close the model's stream, which aborts its request (model-call-guard.ts).
        await chunks.return(undefined);
      }
    }
    const result = await this.finish(call, collected.message());
    yield { content: "", tokensOutput: result.tokensOutput - counted, result };
  }

  /**
   * Ends a call that failed: billed as estimated when the provider had accepted it (a stream that
   * began, or a body that could not be read), else released. The error carries that estimate.
   */
  private async failed(call: PreparedCall, error: unknown, text: string): Promise<Error> {
    const failure = { provider: this.provider, model: this.model, signal: call.signal };
    const converted = toProviderError(error, failure);
    if (converted instanceof ProviderError && converted.reason === "malformed") call.run.accepted = true;
    const errorFor = (bill: PricedCall | undefined) => (bill === undefined ? converted : toProviderError(error, { ...failure, partial: bill.result }));
    return errorFor(await call.run.fail(text, (bill) => ({ kind: "error", error: errorFor(bill) })));
  }

  /** Ends a call that answered: priced once, the same record in every tracker the run reached and in the result. */
  private async finish(call: PreparedCall, message: BaseMessage): Promise<LLMCallResult> {
    const { facts, malformed } = factsFromMessage(message, call.run);
    const malformedError = (partial?: LLMCallResult) =>
      new ProviderError(`${this.provider} call to ${this.model} returned a malformed usage block (${malformed}); the result on \`partial\` is estimated locally.`, {
        provider: this.provider,
        model: this.model,
        reason: "malformed",
        partial,
      });
    const failure = malformed === undefined ? undefined : (bill: PricedCall | undefined) => ({ kind: "error" as const, error: malformedError(bill?.result) });
    const priced = await call.run.settle({ ...facts, logprobs: this.logprobsOf(message) }, failure);
    if (malformed !== undefined) throw malformedError(priced.result);
    return priced.result;
  }

  private prepare(options: CallOptions): PreparedCall {
    if (typeof options !== "object" || options === null) throw new InputError("Pass call options: { messages: [{ role, content }, …] }.");
    const prompt = toBaseMessages(options.messages);
    validateCallOptions(options);
    const settings = settingsOf(options);
    const model = settings === undefined ? this.chatModel : this.variant(settings);
    // The trackers the run reaches join this run (by its id) and learn its role and node from the run's metadata.
    const run = CallRun.open({
      provider: this.provider,
      requestedModel: this.model,
      prompt,
      prices: this.prices,
      maxOutputTokens: options.maxTokens ?? this.baseFields.maxTokens,
      timeoutMs: options.timeoutMs ?? this.baseFields.timeoutMs,
      serviceTier: options.serviceTier ?? this.baseFields.serviceTier,
      endedBy: "provider",
    });
    const config: RunnableConfig & TimeLimitCallOption & { runId: string } = {
      callbacks: options.callbacks,
      tags: options.tags,
      metadata: options.metadata,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      runId: run.id,
    };
    return { prompt, model, config, run, signal: options.signal };
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
