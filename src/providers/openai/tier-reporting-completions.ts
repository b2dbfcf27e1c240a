import type { BaseMessage } from "@langchain/core/messages";
import { ChatOpenAICompletions } from "@langchain/openai";
import type OpenAI from "openai";

/**
 * ChatOpenAI's Chat Completions model, keeping the response's `service_tier` in the answer's
 * `response_metadata` on JSON answers too: @langchain/openai 1.5 copies it there on streams only
 * (through the final chunk's generation info), so a JSON answer served at `flex` or `priority`
 * would otherwise be priced at the standard rates. Given to `ChatOpenAI` as its `completions`.
 * The hook it overrides is the one @langchain/openai keeps overridable for such subclasses (marked
 * deprecated there); @langchain/openai is pinned to 1.5.x and the tier tests fail if it goes away.
 */
export class TierReportingCompletions extends ChatOpenAICompletions {
  protected override _convertCompletionsMessageToBaseMessage(message: OpenAI.ChatCompletionMessage, rawResponse: OpenAI.ChatCompletion): BaseMessage {
    const converted = super._convertCompletionsMessageToBaseMessage(message, rawResponse);
    if (typeof rawResponse.service_tier === "string") (converted.response_metadata as Record<string, unknown>).service_tier = rawResponse.service_tier;
    return converted;
  }
}
