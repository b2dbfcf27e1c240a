import type { BedrockRuntimeClient, ServiceTierType } from "@aws-sdk/client-bedrock-runtime";
import { toBaseMessages } from "../../messages";
import type { CallOptions } from "../../types";
import { validateCallOptions } from "../call-settings";
import { ChatProvider, type BaseModelFields, type ChatProviderSettings } from "../chat-provider";
import { callSignal, DEFAULT_CALL_TIMEOUT_MS } from "../call-signal";
import { BedrockChatModel } from "./bedrock-chat-model";
import { createBedrockClient, regionFromSettings } from "./bedrock-client";
import { countTokensExactly } from "./bedrock-count-tokens";
import type { BedrockCredentials } from "./bedrock-credentials";
import { BEDROCK_VENDOR } from "./bedrock-vendor";

/** Settings of a {@link BedrockProvider}. */
export interface BedrockProviderSettings extends ChatProviderSettings {
  /** AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, then `resolveSecret("AWS_REGION")` at the first call). */
  region?: string;
  /** Endpoint URL (default: AWS_ENDPOINT_URL_BEDROCK_RUNTIME, then AWS_ENDPOINT_URL, then AWS's). */
  endpoint?: string;
  /**
   * Credentials (default: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN through
   * `resolveSecret` at the first call, else the AWS default credential chain).
   */
  credentials?: BedrockCredentials;
  /**
   * A Bedrock Runtime client to use as given: its own region, endpoint, credentials, HTTP handler and
   * retry strategy then apply (`region`, `endpoint`, `credentials` and `maxRetries` are not used for it).
   */
  client?: BedrockRuntimeClient;
  /** Variables to read region, endpoint and secrets from (default: process.env). */
  env?: Record<string, string | undefined>;
}

/** Options of {@link BedrockProvider.countTokensExact}. */
export interface CountTokensExactOptions {
  messages: CallOptions["messages"];
  signal?: AbortSignal;
  /** Time limit in milliseconds (default: the provider's `timeoutMs`, else 10 minutes). */
  timeoutMs?: number;
}

/**
 * `ChatBedrockConverse` insists on a region string even when it is given a client, and uses it for
 * nothing but its informational `region` field. When the region is only known at the first request
 * (from `.env` or 1Password), that field holds this text; the client resolves the real one.
 */
export const REGION_RESOLVED_BY_CLIENT = "resolved-by-client-at-first-request";

/**
 * A chat provider on the real `ChatBedrockConverse` (a {@link BedrockChatModel}: Converse and ConverseStream), priced per call
 * from the usage Bedrock reports, cache reads and writes at their own rates. Model ids may be bare
 * (`anthropic.…`), cross-region profiles (`us.` / `eu.` / `apac.` / `global.` …) or inference-profile
 * ARNs. Bedrock reports no model id, so results carry the requested one; the final message, with
 * its stop reason and Bedrock's metrics in `response_metadata`, is the result's `raw`.
 *
 * Unless a `client` is given, the provider builds its own `BedrockRuntimeClient` (see
 * `createBedrockClient`): keep-alive HTTP/1.1, region and credentials resolved at the first call, and
 * the one retry layer (`ChatBedrockConverse` does not send through LangChain's AsyncCaller).
 *
 * `countTokens()` is a fast local APPROXIMATION of Claude's counts (`exact: false`): Claude's
 * tokenizer is not public. {@link BedrockProvider.countTokensExact} asks Bedrock.
 */
export class BedrockProvider extends ChatProvider<BedrockChatModel> {
  declare readonly provider: "bedrock";
  // A #private field, not a property: the client's configuration is circular, and JSON.stringify(provider) must work.
  readonly #client: BedrockRuntimeClient;
  private readonly region: string;

  constructor(settings: BedrockProviderSettings) {
    super(BEDROCK_VENDOR, settings);
    this.region = regionFromSettings(settings) ?? REGION_RESOLVED_BY_CLIENT;
    this.#client =
      settings.client ??
      createBedrockClient({
        region: settings.region,
        endpoint: settings.endpoint,
        credentials: settings.credentials,
        env: settings.env,
        maxRetries: this.baseFields.maxRetries,
      });
  }

  /** The Bedrock Runtime client every call of this provider goes through. */
  get client(): BedrockRuntimeClient {
    return this.#client;
  }

  protected createChatModel(fields: BaseModelFields): BedrockChatModel {
    return new BedrockChatModel({
      model: this.model,
      client: this.client,
      region: this.region,
      temperature: fields.temperature,
      maxTokens: fields.maxTokens,
      serviceTier: fields.serviceTier as ServiceTierType | undefined,
      streamUsage: true,
      // The client retries (see bedrock-retry.ts); this keeps LangChain's caller from ever adding a second layer.
      maxRetries: 0,
      timeoutMs: fields.timeoutMs,
      callbacks: fields.callbacks,
      metadata: fields.metadata,
      tags: fields.tags,
    });
  }

  /**
   * Bedrock's exact input-token count of these messages, from its CountTokens API. CountTokens takes
   * only bare foundation-model ids: a profile id or ARN is mapped to its bare id (`us.anthropic.x` →
   * `anthropic.x`).
   *
   * @throws CountTokensUnsupportedError when Bedrock does not count this model.
   * @throws ProviderError for other failures (timeout, abort, HTTP, network).
   */
  async countTokensExact(options: CountTokensExactOptions): Promise<number> {
    const prompt = toBaseMessages(options.messages);
    validateCallOptions({ messages: prompt, timeoutMs: options.timeoutMs });
    const { signal, timeout } = callSignal(options.signal, options.timeoutMs ?? this.defaultTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);
    return countTokensExactly({ client: this.client, model: this.model, prompt, signal, timeout });
  }
}
