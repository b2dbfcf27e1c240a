import { inspect } from "node:util";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import type { BaseLanguageModelInput, StructuredOutputMethodOptions, ToolDefinition } from "@langchain/core/language_models/base";
import { BaseChatModel, type BaseChatModelCallOptions, type BindToolsInput } from "@langchain/core/language_models/chat_models";
import type { AIMessageChunk, BaseMessage } from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import { ensureConfig, type Runnable } from "@langchain/core/runnables";
import { AsyncGeneratorWithSetup, IterableReadableStream } from "@langchain/core/utils/stream";
import { ConfigurationError, type ProviderError } from "../../errors";
import { FALLBACK_RUN } from "../../tracking/fallback-labels";
import { DEFAULT_CALL_TIMEOUT_MS } from "../call-signal";
import { withProviderErrors, type ModelCallLimits, type TimeLimitCallOption } from "../model-call-guard";
import { attemptOptions, childCallbacks } from "./attempt-options";
import { withEarlierAttempts, type AttemptContext, type FallbackChain } from "./fallback-chain";
import { FallbackRunnable } from "./fallback-runnable";

/** Call options of a {@link FallbackChatModel}: a chat model's, and a per-call `timeoutMs` (each attempt's). */
export interface FallbackCallOptions extends BaseChatModelCallOptions, TimeLimitCallOption {}

/** What a fallback chat model's chain calls: a chat model of the package, or one with tools bound. */
export type ChainModel = Runnable<BaseLanguageModelInput, AIMessageChunk, FallbackCallOptions> & {
  bindTools?(tools: BindToolsInput[], kwargs?: Partial<FallbackCallOptions>): ChainModel;
  withStructuredOutput?: BaseChatModel["withStructuredOutput"];
};

/**
 * A role's chat model when its setting names a fallback chain (`"a,b"`): a `BaseChatModel` that
 * tries each model of the chain in order, moving on when an attempt fails with a retryable error
 * after that model's own retries (429, 5xx, throttling, a timeout, a connection reset) — a stream
 * only before its first chunk — and skipping a model whose breaker is open.
 *
 * `invoke` and `stream` make no run of their own: each attempt is its model's own LangChain run,
 * priced and recorded by the trackers under the role and node of the call, an attempt after the
 * first with the models it fell back from (`fell_back_from`). Through `generate()`, the chain's
 * run wraps the attempts; it is marked (`FALLBACK_RUN`) so that no tracker reserves or prices it.
 * `bindTools` binds the tools on every model of the chain, `withStructuredOutput` applies each
 * model's own method; LangGraph streaming reaches each attempt's run.
 */
export class FallbackChatModel extends BaseChatModel<FallbackCallOptions, AIMessageChunk> {
  constructor(readonly chain: FallbackChain<ChainModel>) {
    super({ metadata: { [FALLBACK_RUN]: true } as Record<string, unknown> });
  }

  /** @inheritdoc */
  _llmType(): string {
    return "fallback_chain";
  }

  /**
   * One call: each model of the chain in turn until one answers. LangChain's `timeout` option is one
   * deadline for the whole chain (made a signal, as LangChain does); the caller's signal firing ends it.
   */
  override invoke(input: BaseLanguageModelInput, options?: Partial<FallbackCallOptions>): Promise<AIMessageChunk> {
    const config = ensureConfig(options) as Partial<FallbackCallOptions>;
    return this.chain.invoke((model, attempt) => model.invoke(input, attemptOptions(config, attempt)), config.signal);
  }

  /** One stream: the next model is tried only when an attempt fails before its first chunk. */
  override _streamIterator(input: BaseLanguageModelInput, options?: Partial<FallbackCallOptions>): AsyncGenerator<AIMessageChunk> {
    return this.attemptsStream(input, options, () => undefined);
  }

  /**
   * `Runnable.stream` (its setup and its chunks raced with the caller's signal), its failures made
   * `ProviderError`s of the model being attempted when they came (LangChain's own "Aborted" error
   * when the caller's signal fires included).
   */
  override async stream(input: BaseLanguageModelInput, options?: Partial<FallbackCallOptions>): Promise<IterableReadableStream<AIMessageChunk>> {
    const config = ensureConfig(options) as Partial<FallbackCallOptions>;
    const attempted: ModelCallLimits = { provider: this.chain.primary.provider, model: this.chain.primary.model, timeoutMs: DEFAULT_CALL_TIMEOUT_MS };
    let earlier: readonly ProviderError[] = [];
    const generator = this.attemptsStream(input, config, ({ provider, model, earlierAttempts }) => {
      Object.assign(attempted, { provider, model });
      earlier = earlierAttempts;
    });
    const wrapped = new AsyncGeneratorWithSetup({ generator, config });
    const opening = wrapped.setup.then(() => IterableReadableStream.fromAsyncGenerator(wrapped));
    return withProviderErrors(attempted, opening, config.signal, (error) => withEarlierAttempts(error, earlier));
  }

  /** The chain's stream, each attempt told to `attempting` as it begins. */
  private attemptsStream(input: BaseLanguageModelInput, options: Partial<FallbackCallOptions> | undefined, attempting: (attempt: AttemptContext) => void): AsyncGenerator<AIMessageChunk> {
    return this.chain.stream((model, attempt) => {
      attempting(attempt);
      return model._streamIterator(input, attemptOptions(options, attempt));
    }, options?.signal);
  }

  /** The chain's own run (through `generate()`): each attempt a child run. */
  async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"], runManager?: CallbackManagerForLLMRun): Promise<ChatResult> {
    const child = { ...options, callbacks: childCallbacks(runManager) };
    const message = await this.chain.invoke((model, attempt) => model.invoke(messages, attemptOptions(child, attempt)), options.signal);
    return { generations: [{ message, text: message.text }] };
  }

  /** The chain's own run, streamed (through `generate()` with a streaming handler): each attempt a child run. */
  override async *_streamResponseChunks(messages: BaseMessage[], options: this["ParsedCallOptions"], runManager?: CallbackManagerForLLMRun): AsyncGenerator<ChatGenerationChunk> {
    const child = { ...options, callbacks: childCallbacks(runManager) };
    for await (const message of this.chain.stream((model, attempt) => model._streamIterator(messages, attemptOptions(child, attempt)), options.signal)) {
      yield new ChatGenerationChunk({ message, text: message.text });
    }
  }

  /** The tools bound on every model of the chain (each in its own vendor's format). */
  override bindTools(tools: (BindToolsInput | ToolDefinition)[], kwargs?: Partial<FallbackCallOptions>): FallbackChatModel {
    return new FallbackChatModel(
      this.chain.map((model) => {
        if (model.bindTools === undefined) throw new ConfigurationError("Tools are already bound on this fallback chain's models: bind them once, on the role's chat model.");
        return model.bindTools(tools, kwargs);
      }),
    );
  }

  /** Each model of the chain with its own structured output (OpenAI's JSON schema, Bedrock's forced tool call), tried in the chain's order. */
  override withStructuredOutput<RunOutput extends Record<string, unknown> = Record<string, unknown>>(
    schema: unknown,
    config?: StructuredOutputMethodOptions<false>,
  ): Runnable<BaseLanguageModelInput, RunOutput>;
  override withStructuredOutput<RunOutput extends Record<string, unknown> = Record<string, unknown>>(
    schema: unknown,
    config?: StructuredOutputMethodOptions<true>,
  ): Runnable<BaseLanguageModelInput, { raw: BaseMessage; parsed: RunOutput }>;
  override withStructuredOutput(schema: unknown, config?: StructuredOutputMethodOptions<boolean>): Runnable<BaseLanguageModelInput, Record<string, unknown>> {
    return new FallbackRunnable(
      this.chain.map((model) => {
        if (model.withStructuredOutput === undefined) throw new ConfigurationError("Structured output needs the role's chat model itself, not one with tools bound: call withStructuredOutput on it.");
        return model.withStructuredOutput(schema as Record<string, unknown>, config as StructuredOutputMethodOptions<false>);
      }),
    );
  }

  /** `console.log` / `util.inspect` show the chain's models, never their clients. */
  [inspect.custom](): string {
    return this.chain.describe("FallbackChatModel");
  }
}
