/**
 * Chroma integration. Imports only types from the optional peer dependency `chromadb`, so loading
 * it never loads chromadb.
 */
export {
  ChromaEmbeddingFunction,
  CHROMA_EMBEDDING_FUNCTION_NAME,
  type ChromaEmbeddingFunctionConfig,
} from "./chroma-embedding-function";
export { ingestDocuments, type IngestOptions, type IngestProgress, type IngestResult } from "./ingest";
export { ChromaIngestError } from "./ingest-error";
export type { DocumentMetadata } from "./ingest-input";
export { stableDocumentId } from "./stable-ids";
