import type { ChromaClient, Collection } from "chromadb";
import { InputError } from "../errors";
import { embeddingBatches } from "../providers/openai/embedding-batches";
import type { OpenAIEmbeddingsProvider } from "../providers/openai/openai-embeddings";
import { ChromaEmbeddingFunction } from "./chroma-embedding-function";
import { ChromaIngestError } from "./ingest-error";
import { checkIngestInput, type DocumentMetadata } from "./ingest-input";

/** How far an ingestion has got, after each stored batch. */
export interface IngestProgress {
  /** Documents stored so far. */
  done: number;
  /** Documents to store. */
  total: number;
  /** Tokens embedded so far. */
  tokensInput: number;
  /** USD spent on embeddings so far. */
  costUsd: number;
}

/** Options of {@link ingestDocuments}. */
export interface IngestOptions {
  /** A chromadb 3.x collection. */
  collection: Collection;
  /** The texts to embed and store. */
  documents: string[];
  /** One per document. Default: {@link stableDocumentId} of each text, so a re-run updates. */
  ids?: string[];
  /** One per document. */
  metadatas?: DocumentMetadata[];
  /** Embeds the documents. Default: the provider behind the collection's {@link ChromaEmbeddingFunction}. */
  embeddings?: OpenAIEmbeddingsProvider;
  /** Documents per batch; capped by the provider's `batchSize` and by the server's maximum. */
  batchSize?: number;
  /** The collection's client: given, the server is asked its maximum batch size. */
  client?: ChromaClient;
  /** Called after each stored batch. */
  onProgress?: (progress: IngestProgress) => void;
}

/** What {@link ingestDocuments} stored and what the embeddings cost. */
export interface IngestResult {
  /** The ids stored, in document order. */
  ids: string[];
  /** Tokens embedded, as the API reported them. */
  tokensInput: number;
  /** USD, unrounded. */
  cost: number;
  /** Embedding calls made: one per batch (a provider's retries of a call not counted). */
  requests: number;
}

function embeddingsProviderOf(options: IngestOptions): OpenAIEmbeddingsProvider {
  if (options.embeddings !== undefined) return options.embeddings;
  const embeddingFunction = options.collection.embeddingFunction;
  if (embeddingFunction instanceof ChromaEmbeddingFunction) return embeddingFunction.provider;
  const found = embeddingFunction === undefined ? "none" : (embeddingFunction.name ?? embeddingFunction.constructor.name);
  throw new InputError(
    `Collection "${options.collection.name}" has no ChromaEmbeddingFunction (its embedding function: ${found}), so there is ` +
      `no provider to embed the documents with. Pass \`embeddings: provider\`, or get the collection with ` +
      `\`embeddingFunction: new ChromaEmbeddingFunction(provider)\`.`,
  );
}

async function batchSizeOf(options: IngestOptions, provider: OpenAIEmbeddingsProvider): Promise<number> {
  const serverMax = options.client === undefined ? Infinity : await options.client.getMaxBatchSize();
  return Math.min(options.batchSize ?? Infinity, provider.batchSize, serverMax);
}

/**
 * Embeds documents in batches and upserts them into a Chroma collection with their vectors as
 * the provider returned them. The input is checked before any request (see `checkIngestInput`),
 * and a text over OpenAI's tokens per input is refused before any embedding request.
 * A batch holds at most `batchSize`, the provider's `batchSize` and the server's maximum
 * documents, and stays within OpenAI's tokens per request, so each batch is one embedding
 * request. Every request is priced into the provider's tracker.
 *
 * @throws InputError for bad input or when no provider is given or found on the collection.
 * @throws ChromaIngestError when a batch fails: it says which ids were stored and which were not.
 */
export async function ingestDocuments(options: IngestOptions): Promise<IngestResult> {
  const { collection, documents, metadatas, onProgress } = options;
  const ids = checkIngestInput(options);
  const provider = embeddingsProviderOf(options);
  const batches = embeddingBatches(documents, await batchSizeOf(options, provider));
  const result: IngestResult = { ids, tokensInput: 0, cost: 0, requests: 0 };
  for (const [index, batch] of batches.entries()) {
    const end = batch.start + batch.texts.length;
    const batchIds = ids.slice(batch.start, end);
    try {
      const embedded = await provider.embed({ texts: batch.texts });
      result.requests += 1;
      result.tokensInput += embedded.tokensInput;
      result.cost += embedded.cost;
      await collection.upsert({
        ids: batchIds,
        embeddings: embedded.embeddings,
        documents: batch.texts,
        metadatas: metadatas?.slice(batch.start, end),
      });
    } catch (cause) {
      throw new ChromaIngestError({
        batch: index + 1,
        batches: batches.length,
        storedIds: ids.slice(0, batch.start),
        notStoredIds: ids.slice(batch.start),
        cause,
      });
    }
    onProgress?.({ done: end, total: documents.length, tokensInput: result.tokensInput, costUsd: result.cost });
  }
  return result;
}
