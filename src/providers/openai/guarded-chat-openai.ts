import { inspect } from "node:util";
import type { BaseLanguageModelInput } from "@langchain/core/language_models/base";
import type { BaseMessage } from "@langchain/core/messages";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import type { ChatOpenAI, ChatOpenAICallOptions, ChatOpenAIFields } from "@langchain/openai";
import type { ProviderName } from "../../types";
import { DEFAULT_CALL_TIMEOUT_MS } from "../call-signal";
import { guardedCall, guardedStream, withProviderErrors, type ModelCallLimits, type TimeLimitCallOption } from "../model-call-guard";
import { describeProvider } from "../public-view";

/** Call options of the package's ChatOpenAI models: ChatOpenAI's, and a per-call `timeoutMs`. */
export interface OpenAIChatModelCallOptions extends ChatOpenAICallOptions, TimeLimitCallOption {}

/** Fields of the package's ChatOpenAI models: ChatOpenAI's, and the time limit of a call that sets none. */
export interface OpenAIChatModelFields extends ChatOpenAIFields {
  /** Milliseconds; default `DEFAULT_CALL_TIMEOUT_MS` (10 minutes). */
  timeoutMs?: number;
}

/**
 * A ChatOpenAI class (ChatOpenAI itself, AzureChatOpenAI). TypeScript allows a class to be extended
 * by a function (a mixin) only through a constructor of `...args: any[]` (TS2545).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ChatOpenAIClass = new (...args: any[]) => ChatOpenAI<OpenAIChatModelCallOptions>;

/**
 * A ChatOpenAI class whose every call ends cleanly: within its time limit (the call's `timeoutMs`,
 * else the model's, else 10 minutes), a failure thrown as `ProviderError` (to the caller and to
 * `handleLLMError` handlers alike), a stream left early closing its request (model-call-guard.ts),
 * `bindTools` / `withConfig` giving a model of the same class, and `util.inspect` showing no client
 * (whose resolved API key would be printed). Everything else is the class as it is.
 * The class it returns has the type of `Base` (its overrides have ChatOpenAI's signatures), so
 * that declarations name ChatOpenAI's class rather than repeat it.
 * @param provider - the vendor name its errors carry.
 */
export function guardedChatOpenAI<Base extends ChatOpenAIClass>(Base: Base, provider: ProviderName): Base {
  return class GuardedChatOpenAI extends Base {
    /** Who this model calls and its default time limit (the `timeoutMs` it was built with). */
    get callLimits(): ModelCallLimits {
      return { provider, model: this.model, timeoutMs: (this.fields as OpenAIChatModelFields | undefined)?.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS };
    }

    /** @inheritdoc */
    override _generate(messages: BaseMessage[], options: this["ParsedCallOptions"], runManager?: CallbackManagerForLLMRun) {
      return guardedCall(this.callLimits, messages, options, (guarded) => super._generate(messages, guarded, runManager));
    }

    /** @inheritdoc */
    override _streamResponseChunks(messages: BaseMessage[], options: this["ParsedCallOptions"], runManager?: CallbackManagerForLLMRun) {
      return guardedStream(this.callLimits, messages, options, (guarded) => super._streamResponseChunks(messages, guarded, runManager), runManager?.runId);
    }

    /** @inheritdoc */
    override _streamChatModelEvents(messages: BaseMessage[], options: this["ParsedCallOptions"], runManager?: CallbackManagerForLLMRun) {
      return guardedStream(this.callLimits, messages, options, (guarded) => super._streamChatModelEvents(messages, guarded, runManager), runManager?.runId);
    }

    /** ChatOpenAI's `withConfig` (behind `bindTools`) builds a plain ChatOpenAI: this builds a model of this class, on the same fields. */
    override withConfig(config: Partial<OpenAIChatModelCallOptions>): this {
      const model = new (this.constructor as new (fields: ChatOpenAIFields | undefined) => this)(this.fields);
      model.defaultOptions = { ...this.defaultOptions, ...config };
      return model;
    }

    /** @inheritdoc */
    override stream(input: BaseLanguageModelInput, options?: Partial<OpenAIChatModelCallOptions>) {
      return withProviderErrors(this.callLimits, super.stream(input, options), options?.signal);
    }

    /** `console.log` / `util.inspect` show only the provider and model. */
    [inspect.custom](): string {
      return describeProvider(this.callLimits, this.constructor.name);
    }
  };
}
