import { inspect } from "node:util";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import type { BaseLanguageModelInput } from "@langchain/core/language_models/base";
import type { BaseMessage } from "@langchain/core/messages";
import { ChatBedrockConverse, type ChatBedrockConverseCallOptions, type ChatBedrockConverseInput } from "@langchain/aws";
import { DEFAULT_CALL_TIMEOUT_MS } from "../call-signal";
import { guardedCall, guardedStream, withProviderErrors, type ModelCallLimits, type TimeLimitCallOption } from "../model-call-guard";
import { describeProvider } from "../public-view";

/** Fields of a {@link BedrockChatModel}: ChatBedrockConverse's, and the time limit of a call that sets none. */
export interface BedrockChatModelFields extends ChatBedrockConverseInput {
  /** Milliseconds; default `DEFAULT_CALL_TIMEOUT_MS` (10 minutes). */
  timeoutMs?: number;
}

/** Call options of a {@link BedrockChatModel}: ChatBedrockConverse's, and a per-call `timeoutMs`. */
type BedrockCallOptions = ChatBedrockConverseCallOptions & TimeLimitCallOption;

/** Parsed call options of a {@link BedrockChatModel}: ChatBedrockConverse's, and a per-call `timeoutMs`. */
type BedrockParsedOptions = ChatBedrockConverse["ParsedCallOptions"] & TimeLimitCallOption;

/**
 * The `ChatBedrockConverse` every Bedrock provider (and so `factory.runnableFor`) hands out: the
 * real class, with `bindTools`, `withStructuredOutput` and LangGraph streaming as they are, and
 * every call ending cleanly: within its time limit, a failure thrown as `ProviderError` (to the
 * caller and to `handleLLMError` handlers alike), a stream left early closing its request, and
 * `util.inspect` showing no client (whose pooled sockets hold the last signed request).
 */
export class BedrockChatModel extends ChatBedrockConverse {
  readonly #limits: ModelCallLimits;

  constructor(fields: BedrockChatModelFields) {
    super(fields);
    this.#limits = { provider: "bedrock", model: this.model, timeoutMs: fields.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS };
  }

  /** @inheritdoc */
  override _generate(messages: BaseMessage[], options: BedrockParsedOptions, runManager?: CallbackManagerForLLMRun) {
    return guardedCall(this.#limits, messages, options, (guarded) => super._generate(messages, guarded, runManager));
  }

  /** @inheritdoc */
  override _streamResponseChunks(messages: BaseMessage[], options: BedrockParsedOptions, runManager?: CallbackManagerForLLMRun) {
    return guardedStream(this.#limits, messages, options, (guarded) => super._streamResponseChunks(messages, guarded, runManager), runManager?.runId);
  }

  /** @inheritdoc */
  override _streamChatModelEvents(messages: BaseMessage[], options: BedrockParsedOptions, runManager?: CallbackManagerForLLMRun) {
    return guardedStream(this.#limits, messages, options, (guarded) => super._streamChatModelEvents(messages, guarded, runManager), runManager?.runId);
  }

  /** @inheritdoc */
  override stream(input: BaseLanguageModelInput, options?: Partial<BedrockCallOptions>) {
    return withProviderErrors(this.#limits, super.stream(input, options), options?.signal);
  }

  /** `console.log` / `util.inspect` show only the provider and model. */
  [inspect.custom](): string {
    return describeProvider(this.#limits, this.constructor.name);
  }
}
