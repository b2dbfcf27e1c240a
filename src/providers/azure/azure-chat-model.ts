import { AzureChatOpenAI, type AzureChatOpenAIFields } from "@langchain/openai";
import { guardedChatOpenAI, type OpenAIChatModelCallOptions } from "../openai/guarded-chat-openai";

/** Fields of an {@link AzureOpenAIChatModel}: AzureChatOpenAI's, and the time limit of a call that sets none. */
export interface AzureOpenAIChatModelFields extends AzureChatOpenAIFields {
  /** Milliseconds; default `DEFAULT_CALL_TIMEOUT_MS` (10 minutes). */
  timeoutMs?: number;
}

/** AzureChatOpenAI taking the package's call options (a class of its own, so that declarations can name it). */
class AzureChatOpenAIWithTimeLimit extends AzureChatOpenAI<OpenAIChatModelCallOptions> {}

/**
 * The `AzureChatOpenAI` every Azure OpenAI provider (and so `factory.runnableFor`) hands out: the
 * real class, with `bindTools`, `withStructuredOutput` and LangGraph streaming as they are, and
 * every call ending cleanly as the OpenAI models' do (see `guardedChatOpenAI`): its time limit,
 * `ProviderError`s, a stream left early closing its request, and `util.inspect` showing no client.
 */
export class AzureOpenAIChatModel extends guardedChatOpenAI(AzureChatOpenAIWithTimeLimit, "azure") {
  constructor(fields: AzureOpenAIChatModelFields) {
    super(fields);
  }
}
