import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { ChatBedrockConverse } from "@langchain/aws";
import type { AIMessageChunk } from "@langchain/core/messages";
import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";
import OpenAI from "openai";
import type { StandIn } from "../../src/testing";

/** The real ChatOpenAI pointed at a stand-in. */
export function chatOpenAI(server: StandIn, fields: ConstructorParameters<typeof ChatOpenAI>[0] = {}): ChatOpenAI {
  return new ChatOpenAI({
    model: "gpt-4o",
    apiKey: "sk-test",
    maxRetries: 0,
    ...fields,
    configuration: { ...fields.configuration, baseURL: `${server.url}/v1` },
  });
}

/** The real openai SDK client pointed at a stand-in. */
export function openAIClient(server: StandIn, apiKey = "sk-test"): OpenAI {
  return new OpenAI({ apiKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
}

/** The real OpenAIEmbeddings pointed at a stand-in. */
export function openAIEmbeddings(server: StandIn, fields: ConstructorParameters<typeof OpenAIEmbeddings>[0] = {}): OpenAIEmbeddings {
  return new OpenAIEmbeddings({ model: "text-embedding-3-small", apiKey: "sk-test", maxRetries: 0, ...fields, configuration: { baseURL: `${server.url}/v1` } });
}

/** The real BedrockRuntimeClient (default HTTP/2 handler) pointed at a stand-in. */
export function bedrockClient(server: StandIn, extra: Partial<ConstructorParameters<typeof BedrockRuntimeClient>[0]> = {}): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" },
    maxAttempts: 1,
    ...extra,
  });
}

/** The real ChatBedrockConverse using a client pointed at a stand-in. */
export function chatBedrock(server: StandIn, model = "anthropic.claude-3-5-sonnet-20241022-v2:0", client = bedrockClient(server)): ChatBedrockConverse {
  return new ChatBedrockConverse({ model, region: "us-east-1", client });
}

/** Reads a LangChain chat stream to its end: its non-empty content deltas in order, and the last usage it reported. */
export async function readChatStream(stream: AsyncIterable<AIMessageChunk>): Promise<{ deltas: string[]; usage: AIMessageChunk["usage_metadata"] }> {
  const deltas: string[] = [];
  let usage: AIMessageChunk["usage_metadata"];
  for await (const chunk of stream) {
    if (chunk.content !== "") deltas.push(String(chunk.content));
    usage = chunk.usage_metadata ?? usage;
  }
  return { deltas, usage };
}
