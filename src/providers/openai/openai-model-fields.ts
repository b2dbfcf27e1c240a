import type { BaseModelFields } from "../chat-provider";
import { onFailedAttempt } from "../retry";
import type { OpenAIChatModelFields } from "./guarded-chat-openai";

/**
 * The fields of a call's `ChatOpenAI` (or `AzureChatOpenAI`) that come from the call itself, the same
 * for every OpenAI-protocol vendor: sampling, logprobs, usage on streams, retries and time limit,
 * callbacks, metadata and tags. Where the model is and how it authenticates is the vendor's part.
 */
export function openAIModelFields(fields: BaseModelFields): OpenAIChatModelFields {
  return {
    temperature: fields.temperature,
    maxTokens: fields.maxTokens,
    logprobs: fields.logprobs === undefined ? undefined : fields.logprobs !== false,
    topLogprobs: typeof fields.logprobs === "object" ? fields.logprobs.top : undefined,
    streamUsage: true,
    maxRetries: fields.maxRetries,
    timeoutMs: fields.timeoutMs,
    onFailedAttempt,
    callbacks: fields.callbacks,
    metadata: fields.metadata,
    tags: fields.tags,
  };
}
