import { ChatOpenAI } from "@langchain/openai";
import { guardedChatOpenAI, type OpenAIChatModelCallOptions, type OpenAIChatModelFields } from "./guarded-chat-openai";
import { answerCheckingFetch } from "./openai-fetch";
import { TierReportingCompletions } from "./tier-reporting-completions";

export type { OpenAIChatModelCallOptions, OpenAIChatModelFields } from "./guarded-chat-openai";

/** ChatOpenAI taking the package's call options (a class of its own, so that declarations can name it). */
class ChatOpenAIWithTimeLimit extends ChatOpenAI<OpenAIChatModelCallOptions> {}

/**
 * The `ChatOpenAI` every OpenAI provider (and so `factory.runnableFor`) hands out: the real class,
 * with `bindTools`, `withStructuredOutput` and LangGraph streaming as they are, and every call
 * ending cleanly (see `guardedChatOpenAI`): within its time limit, a failure thrown as
 * `ProviderError`, a stream left early closing its request, a successful answer that is not the
 * API's refused (see `answerCheckingFetch`), and `util.inspect` showing no client.
 */
export class OpenAIChatModel extends guardedChatOpenAI(ChatOpenAIWithTimeLimit, "openai") {
  constructor(fields: OpenAIChatModelFields) {
    const checked: OpenAIChatModelFields = { ...fields, configuration: { fetch: answerCheckingFetch, ...fields.configuration } };
    // Its Chat Completions model keeps the answer's service_tier on JSON answers too (the tier prices the call).
    super({ ...checked, completions: fields.completions ?? new TierReportingCompletions(checked) });
  }
}
