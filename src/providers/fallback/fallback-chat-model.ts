import { inspect } from "node:util";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import type { BaseLanguageModelInput, StructuredOutputMethodOptions, ToolDefinition } from "@langchain/core/language_models/base";
import { BaseChatModel, type BaseChatModelCallOptions, type BindToolsInput } from "@langchain/core/language_models/chat_models";
import type { AIMessageChunk, BaseMessage } from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import { ensureConfig, type Runnable } from "@langchain/core/runnables";
import { ConfigurationError } from "../../errors";
import { FALLBACK_RUN } from "../../tracking/fallback-labels";
import { DEFAULT_CALL_TIMEOUT_MS } from "../call-signal";
import { withProviderErrors, type TimeLimitCallOption } from "../model-call-guard";
import { attemptOptions, childCallbacks } from "./attempt-options";
import type { FallbackChain } from "./fallback-chain";
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
    return this.chain.stream((model, attempt) => model._streamIterator(input, attemptOptions(options, attempt)), options?.signal);
  }

  /** @inheritdoc */
  override stream(input: BaseLanguageModelInput, options?: Partial<FallbackCallOptions>) {
    const { provider, model } = this.chain.primary;
    return withProviderErrors({ provider, model, timeoutMs: DEFAULT_CALL_TIMEOUT_MS }, super.stream(input, options), options?.signal);
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
