import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { ChatBedrockConverse } from "@langchain/aws";
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { AzureChatOpenAI, ChatOpenAI } from "@langchain/openai";
import { DEFAULT_AZURE_API_VERSION } from "../../src/providers/azure/azure-connection";
import { AzureOpenAIProvider } from "../../src/providers/azure/azure-provider";
import { BedrockProvider } from "../../src/providers/bedrock/bedrock-provider";
import { OpenAIProvider } from "../../src/providers/openai/openai-provider";
import type { CostTracker } from "../../src/tracking/cost-tracker";
import type { ChatMessage } from "../../src/types";

/** The models the bench calls. */
export const OPENAI_MODEL = "gpt-4o";
export const BEDROCK_MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
const REGION = "us-east-1";
const AWS_CREDENTIALS = { accessKeyId: "AKIDBENCH", secretAccessKey: "bench-secret" };
const AZURE_API_KEY = "azure-bench-key";

/** The prompt of every bench call, as the package takes it. */
export const PROMPT: ChatMessage[] = [
  { role: "system", content: "You are a terse assistant. Answer in one short sentence." },
  { role: "user", content: "What is the capital of France, and what river runs through it?" },
];

/** The same prompt as a LangChain user builds it for the raw classes (built per call, as they would). */
export function langchainPrompt(): BaseMessage[] {
  return [new SystemMessage(PROMPT[0]!.content), new HumanMessage(PROMPT[1]!.content)];
}

/**
 * A handler that does nothing, awaited and raising like CostTracker (`_awaitHandler`, `raiseError`)
 * and listening to the same events, so the two differ only in what they do with them.
 */
export class NoopHandler extends BaseCallbackHandler {
  readonly name = "NoopHandler";
  constructor() {
    super({ raiseError: true, _awaitHandler: true });
  }
  override async handleChatModelStart(): Promise<void> {}
  override async handleLLMNewToken(): Promise<void> {}
  override async handleLLMEnd(): Promise<void> {}
  override async handleLLMError(): Promise<void> {}
}

/** Where the stand-ins listen. */
export interface Endpoints {
  openai: string;
  bedrock: string;
}

/** A provider and the raw LangChain class it wraps, on the same server, with the same callbacks. */
export interface Pair<P, R> {
  provider: P;
  raw: R;
}

/** The handlers of a pair: the provider's tracker, and what the raw class is given. */
export interface PairTrackers {
  provider: CostTracker;
  raw: BaseCallbackHandler;
}

/** OpenAIProvider vs ChatOpenAI (streamUsage on, no retries, as the provider builds it). */
export function openAIPair(urls: Endpoints, tracker?: PairTrackers): Pair<OpenAIProvider, ChatOpenAI> {
  const baseURL = `${urls.openai}/v1`;
  return {
    provider: new OpenAIProvider({ model: OPENAI_MODEL, apiKey: "sk-bench", baseURL, maxRetries: 0, tracker: tracker?.provider }),
    raw: new ChatOpenAI({
      model: OPENAI_MODEL,
      apiKey: "sk-bench",
      configuration: { baseURL },
      streamUsage: true,
      maxRetries: 0,
      callbacks: tracker === undefined ? undefined : [tracker.raw],
    }),
  };
}

/** BedrockProvider vs ChatBedrockConverse given the provider's own BedrockRuntimeClient. */
export function bedrockPair(urls: Endpoints, tracker?: PairTrackers): Pair<BedrockProvider, ChatBedrockConverse> {
  const provider = new BedrockProvider({ model: BEDROCK_MODEL, endpoint: urls.bedrock, region: REGION, credentials: AWS_CREDENTIALS, maxRetries: 0, tracker: tracker?.provider });
  return { provider, raw: rawBedrock(provider.client, tracker?.raw) };
}

/**
 * AzureOpenAIProvider vs AzureChatOpenAI on the OpenAI stand-in's Azure route
 * (`/openai/deployments/gpt-4o/chat/completions?api-version=…`, `api-key` header), on a deployment
 * named after its model; streamUsage on, no retries, as the provider builds it.
 */
export function azurePair(urls: Endpoints, tracker?: PairTrackers): Pair<AzureOpenAIProvider, AzureChatOpenAI> {
  const connection = { endpoint: urls.openai, apiVersion: DEFAULT_AZURE_API_VERSION, apiKey: AZURE_API_KEY };
  return {
    provider: new AzureOpenAIProvider({ deployment: OPENAI_MODEL, ...connection, maxRetries: 0, tracker: tracker?.provider }),
    raw: new AzureChatOpenAI({
      model: OPENAI_MODEL,
      azureOpenAIApiDeploymentName: OPENAI_MODEL,
      azureOpenAIEndpoint: connection.endpoint,
      azureOpenAIApiVersion: connection.apiVersion,
      azureOpenAIApiKey: connection.apiKey,
      streamUsage: true,
      maxRetries: 0,
      callbacks: tracker === undefined ? undefined : [tracker.raw],
    }),
  };
}

/** The variables that point a `ProviderFactory` at the stand-ins (OpenAI and Bedrock), with throwaway keys and 1Password off. */
export function standInEnv(urls: Endpoints): Record<string, string> {
  return {
    OPENAI_BASE_URL: `${urls.openai}/v1`,
    OPENAI_API_KEY: "sk-bench",
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: urls.bedrock,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: AWS_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: AWS_CREDENTIALS.secretAccessKey,
    USE_ONEPASSWORD: "false",
  };
}

/** ChatBedrockConverse on a given client (streamUsage on, LangChain's retries off, as the provider builds it). */
export function rawBedrock(client: BedrockRuntimeClient, handler?: BaseCallbackHandler): ChatBedrockConverse {
  return new ChatBedrockConverse({ model: BEDROCK_MODEL, region: REGION, client, streamUsage: true, maxRetries: 0, callbacks: handler === undefined ? undefined : [handler] });
}

/** The Bedrock Runtime client as the AWS SDK builds it by default (its HTTP/2 handler), on the stand-in. */
export function defaultBedrockClient(urls: Endpoints): BedrockRuntimeClient {
  return new BedrockRuntimeClient({ region: REGION, endpoint: urls.bedrock, credentials: AWS_CREDENTIALS });
}

/** Reads a stream to its end; returns ms from the call to the first chunk with text, and in all. */
export async function timeStream(start: () => Promise<AsyncIterable<{ content: unknown }>> | AsyncIterable<{ content: unknown }>): Promise<{ firstMs: number; totalMs: number }> {
  const started = performance.now();
  let firstMs = Number.NaN;
  for await (const chunk of await start()) {
    if (Number.isNaN(firstMs) && typeof chunk.content === "string" && chunk.content !== "") firstMs = performance.now() - started;
  }
  return { firstMs, totalMs: performance.now() - started };
}
