/**
 * `@orchestratai/llm/bedrock`: the AWS Bedrock side alone (Converse provider, its client, exact
 * CountTokens) with the shared tracker, pricing and secrets. Loads no OpenAI SDK.
 * @packageDocumentation
 */
export * from "./core";
export { BedrockProvider, type BedrockProviderSettings, type CountTokensExactOptions } from "./providers/bedrock/bedrock-provider";
export { BedrockChatModel, type BedrockChatModelFields } from "./providers/bedrock/bedrock-chat-model";
export { createBedrockClient, type BedrockClientOptions } from "./providers/bedrock/bedrock-client";
export { CountTokensUnsupportedError } from "./providers/bedrock/bedrock-errors";
