/**
 * `@orchestratai/llm/openai`: the OpenAI side alone (chat provider, embeddings, Chroma helpers, and
 * Azure OpenAI, which is the same SDK) with the shared tracker, pricing and secrets. Loads no AWS
 * code: no `@langchain/aws`, `@aws-sdk/*` or `@smithy/*` module.
 * @packageDocumentation
 */
export * from "./core";
export { OpenAIProvider, type OpenAIProviderSettings } from "./providers/openai/openai-provider";
export { OpenAIChatModel, type OpenAIChatModelCallOptions, type OpenAIChatModelFields } from "./providers/openai/openai-chat-model";
export {
  OpenAIEmbeddingsProvider,
  DEFAULT_EMBEDDING_MODEL,
  type OpenAIEmbeddingsSettings,
} from "./providers/openai/openai-embeddings";
export { AzureOpenAIProvider, type AzureOpenAIProviderSettings } from "./providers/azure/azure-provider";
export { AzureOpenAIChatModel, type AzureOpenAIChatModelFields } from "./providers/azure/azure-chat-model";
export { AzureOpenAIEmbeddingsProvider, type AzureOpenAIEmbeddingsSettings } from "./providers/azure/azure-embeddings";
export { DEFAULT_AZURE_API_VERSION, type AzureConnectionSettings, type AzureTokenProvider } from "./providers/azure/azure-connection";
export type { AzureDeploymentSettings } from "./providers/azure/azure-deployment";
export { AZURE_DEPLOYMENT_PREMIUM, type AzureDeploymentType } from "./pricing/catalog/azure-deployment-types";
export {
  ChromaEmbeddingFunction,
  CHROMA_EMBEDDING_FUNCTION_NAME,
  ChromaIngestError,
  ingestDocuments,
  stableDocumentId,
  type ChromaEmbeddingFunctionConfig,
  type DocumentMetadata,
  type IngestOptions,
  type IngestProgress,
  type IngestResult,
} from "./chroma";
