import type { BaseMessage } from "@langchain/core/messages";
import type { TokenLogprob } from "../../types";
import { ChatProvider, type BaseModelFields, type ChatProviderSettings } from "../chat-provider";
import { OpenAIChatModel, type OpenAIChatModelFields } from "./openai-chat-model";
import { openAIConnection, type OpenAIConnection } from "./openai-connection";
import { openAILogprobs } from "./openai-logprobs";
import { openAIModelFields } from "./openai-model-fields";
import { OPENAI_VENDOR } from "./openai-vendor";

/** Settings of an {@link OpenAIProvider}. */
export interface OpenAIProviderSettings extends ChatProviderSettings {
  /** API base URL (default: `OPENAI_BASE_URL`, else OpenAI's). */
  baseURL?: string;
  /** API key (default: `resolveSecret("OPENAI_API_KEY")` at the first call). */
  apiKey?: string;
  /** Variables to read `OPENAI_BASE_URL` and secrets from (default: process.env). */
  env?: Record<string, string | undefined>;
}

/**
 * A chat provider on the real `ChatOpenAI` (an {@link OpenAIChatModel}, with `streamUsage` on),
 * priced per call from the usage OpenAI reports. The API key is resolved at the first request,
 * never at import or construction.
 */
export class OpenAIProvider extends ChatProvider<OpenAIChatModel> {
  declare readonly provider: "openai";
  private readonly connection: OpenAIConnection;

  constructor(settings: OpenAIProviderSettings) {
    super(OPENAI_VENDOR, settings);
    this.connection = openAIConnection(settings);
  }

  protected createChatModel(fields: BaseModelFields): OpenAIChatModel {
    return new OpenAIChatModel({
      ...openAIModelFields(fields),
      model: this.model,
      configuration: { baseURL: this.connection.baseURL, apiKey: this.connection.apiKey },
      service_tier: fields.serviceTier as OpenAIChatModelFields["service_tier"],
    });
  }

  protected override logprobsOf(message: BaseMessage): TokenLogprob[] | undefined {
    return openAILogprobs(message);
  }
}
