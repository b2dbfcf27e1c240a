/**
 * `@orchestratai/llm/openai`: the OpenAI side alone (chat provider, embeddings, Chroma helpers) with
 * the shared tracker, pricing and secrets. Loads no AWS code: no `@langchain/aws`, `@aws-sdk/*` or
 * `@smithy/*` module.
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
