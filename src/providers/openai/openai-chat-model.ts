import { inspect } from "node:util";
import type { BaseLanguageModelInput } from "@langchain/core/language_models/base";
import type { BaseMessage } from "@langchain/core/messages";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import { ChatOpenAI, type ChatOpenAICallOptions, type ChatOpenAIFields } from "@langchain/openai";
import { DEFAULT_CALL_TIMEOUT_MS } from "../call-signal";
import { guardedCall, guardedStream, withProviderErrors, type ModelCallLimits, type TimeLimitCallOption } from "../model-call-guard";
import { describeProvider } from "../public-view";
import { answerCheckingFetch } from "./openai-fetch";
import { TierReportingCompletions } from "./tier-reporting-completions";

/** Call options of an {@link OpenAIChatModel}: ChatOpenAI's, and a per-call `timeoutMs`. */
export interface OpenAIChatModelCallOptions extends ChatOpenAICallOptions, TimeLimitCallOption {}

/** Fields of an {@link OpenAIChatModel}: ChatOpenAI's, and the time limit of a call that sets none. */
export interface OpenAIChatModelFields extends ChatOpenAIFields {
  /** Milliseconds; default `DEFAULT_CALL_TIMEOUT_MS` (10 minutes). */
  timeoutMs?: number;
}

/**
 * The `ChatOpenAI` every OpenAI provider (and so `factory.runnableFor`) hands out: the real class,
 * with `bindTools`, `withStructuredOutput` and LangGraph streaming as they are, and every call
 * ending cleanly: within its time limit, a failure thrown as `ProviderError` (to the caller and to
 * `handleLLMError` handlers alike), a stream left early closing its request, a successful answer
 * that is not the API's refused (see `answerCheckingFetch`), and `util.inspect` showing no client
 * (whose resolved API key would be printed).
 */
export class OpenAIChatModel extends ChatOpenAI<OpenAIChatModelCallOptions> {
  readonly #limits: ModelCallLimits;

  constructor(fields: OpenAIChatModelFields) {
    const checked: OpenAIChatModelFields = { ...fields, configuration: { fetch: answerCheckingFetch, ...fields.configuration } };
    // Its Chat Completions model keeps the answer's service_tier on JSON answers too (the tier prices the call).
    super({ ...checked, completions: fields.completions ?? new TierReportingCompletions(checked) });
    this.#limits = { provider: "openai", model: this.model, timeoutMs: fields.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS };
  }

  /** @inheritdoc */
  override _generate(messages: BaseMessage[], options: this["ParsedCallOptions"], runManager?: CallbackManagerForLLMRun) {
    return guardedCall(this.#limits, messages, options, (guarded) => super._generate(messages, guarded, runManager));
  }

  /** @inheritdoc */
  override _streamResponseChunks(messages: BaseMessage[], options: this["ParsedCallOptions"], runManager?: CallbackManagerForLLMRun) {
    return guardedStream(this.#limits, messages, options, (guarded) => super._streamResponseChunks(messages, guarded, runManager), runManager?.runId);
  }

  /** @inheritdoc */
  override _streamChatModelEvents(messages: BaseMessage[], options: this["ParsedCallOptions"], runManager?: CallbackManagerForLLMRun) {
    return guardedStream(this.#limits, messages, options, (guarded) => super._streamChatModelEvents(messages, guarded, runManager), runManager?.runId);
  }

  /** ChatOpenAI's `withConfig` (behind `bindTools`) builds a plain ChatOpenAI: this builds an OpenAIChatModel. */
  override withConfig(config: Partial<OpenAIChatModelCallOptions>): OpenAIChatModel {
    const model = new OpenAIChatModel({ ...this.fields, timeoutMs: this.#limits.timeoutMs });
    model.defaultOptions = { ...this.defaultOptions, ...config };
    return model;
  }

  /** @inheritdoc */
  override stream(input: BaseLanguageModelInput, options?: Partial<OpenAIChatModelCallOptions>) {
    return withProviderErrors(this.#limits, super.stream(input, options), options?.signal);
  }

  /** `console.log` / `util.inspect` show only the provider and model. */
  [inspect.custom](): string {
    return describeProvider(this.#limits, this.constructor.name);
  }
}
