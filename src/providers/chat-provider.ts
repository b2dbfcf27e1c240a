import { inspect } from "node:util";
import { describeProvider, providerView, type ProviderView } from "./public-view";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import type { RunnableConfig } from "@langchain/core/runnables";
import { ConfigurationError, InputError, ProviderError, UnknownModelPricingError } from "../errors";
import { toBaseMessages } from "../messages";
import { PriceList, type PricingTable } from "../pricing";
import { factsFromMessage } from "../tracking/call-facts";
import { CallRun } from "../tracking/call-run";
import { RUN_COUNTING_MODEL, RUN_PRICING } from "../tracking/callback-run";
import type { CostTracker } from "../tracking/cost-tracker";
import type { PricedCall } from "../tracking/priced-call";
import type { CallOptions, LLMCallResult, ProviderName, StreamChunk, TokenLogprob } from "../types";
import { settingsKey, settingsOf, validateCallOptions, type ModelSettings } from "./call-settings";
import type { LLMProvider, TokenCount } from "./provider";
import { DEFAULT_CALL_TIMEOUT_MS } from "./call-signal";
import type { TimeLimitCallOption } from "./model-call-guard";
import { toProviderError } from "./provider-error";
import { StreamCollector } from "./stream-collector";
import type { VendorDescriptor } from "./vendor";
import type { BaseModelFields, ChatProviderSettings, ChatProviderShape } from "./chat-provider-settings";

export type { BaseModelFields, ChatProviderSettings, ChatProviderShape } from "./chat-provider-settings";

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
 * What the chat providers share: validation, the call and stream loops, local token counts (by
 * their vendor's descriptor), and pricing through the tracker's converter. Subclasses say which
 * vendor they are and how to build their chat model.
 */
export abstract class ChatProvider<Model extends BaseChatModel = BaseChatModel> implements LLMProvider {
  /** The vendor's name (its descriptor's), carried by every result and error. */
  readonly provider: ProviderName;
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
  /** What the package knows of the vendor: how its text is counted, its usage read, its prices found. */
  protected readonly vendor: VendorDescriptor;
  /** The model id local counts are made for (an Azure deployment counts as the model it serves). */
  protected readonly countingModel: string;
  private readonly variants = new Map<string, Model>();
  private model_?: Model;

  /** @param shape - how this vendor's prices and counts differ from the defaults. */
  protected constructor(vendor: VendorDescriptor, settings: ChatProviderSettings, shape: ChatProviderShape = {}) {
    if (typeof settings.model !== "string" || settings.model.trim() === "") {
      throw new ConfigurationError("A provider needs a model id: pass { model: \"…\" }.");
    }
    validateCallOptions({ messages: [], temperature: settings.temperature, timeoutMs: settings.timeoutMs, serviceTier: settings.serviceTier });
    this.vendor = vendor;
    this.provider = vendor.name;
    this.model = settings.model;
    const base = (settings.tracker?.prices ?? PriceList.builtIn()).withCustom(settings.pricing);
    this.prices = shape.prices?.(base) ?? base;
    this.countingModel = shape.countingModel ?? this.model;
    this.pricing = this.prices.table();
    if (this.prices.find(this.model, this.model, vendor.prices.genaiPricesProvider) === undefined) throw this.unpricedError();
    this.tracker = settings.tracker;
    this.defaultTimeoutMs = settings.timeoutMs;
    this.baseFields = {
      temperature: settings.temperature,
      serviceTier: settings.serviceTier,
      maxRetries: settings.maxRetries ?? DEFAULT_MAX_RETRIES,
      timeoutMs: settings.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      callbacks: settings.tracker ? [settings.tracker] : undefined,
      metadata: {
        ...settings.metadata,
        [RUN_PRICING]: this.prices,
        ...(this.countingModel === this.model ? {} : { [RUN_COUNTING_MODEL]: this.countingModel }),
      },
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

  /** The error a provider whose model has no price is refused with at construction. */
  protected unpricedError(): Error {
    return new UnknownModelPricingError(this.model);
  }

  /**
   * Local and synchronous token counts of a prompt (chat framing included) and of a completion, by
   * the vendor's descriptor: exact for OpenAI's models, a fast approximation (`exact: false`) for
   * Claude's, whose tokenizer is not public.
   */
  countTokens(options: { messages: CallOptions["messages"]; completion?: string }): TokenCount {
    const { tokens } = this.vendor;
    return {
      input: tokens.prompt(this.countingModel, toBaseMessages(options.messages)),
      output: options.completion === undefined ? 0 : tokens.text(this.countingModel, options.completion),
      exact: tokens.exact,
    };
  }

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
        const tokensOutput = this.vendor.tokens.text(this.countingModel, delta);
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
      countingModel: this.countingModel,
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
