import type { EmbeddingFunction, EmbeddingFunctionSpace } from "chromadb";
import { InputError } from "../errors";
import { OpenAIEmbeddingsProvider } from "../providers/openai/openai-embeddings";

/** What a collection stores about its {@link ChromaEmbeddingFunction} (no key, no URL). */
export interface ChromaEmbeddingFunctionConfig {
  /** The embeddings model, e.g. "text-embedding-3-large". */
  model: string;
  /** The vector length asked of the model, when one was set. */
  dimensions?: number;
}

/** The name a collection records for this embedding function. */
export const CHROMA_EMBEDDING_FUNCTION_NAME = "orchestratai-openai";

/** Reads a stored configuration, refusing anything that is not one this class wrote. */
function readConfig(config: Record<string, unknown>): ChromaEmbeddingFunctionConfig {
  const { model, dimensions } = config;
  if (typeof model !== "string" || model === "") {
    throw new InputError(`The ${CHROMA_EMBEDDING_FUNCTION_NAME} configuration needs a model name, got ${JSON.stringify(model)}.`);
  }
  if (dimensions !== undefined && typeof dimensions !== "number") {
    throw new InputError(`The ${CHROMA_EMBEDDING_FUNCTION_NAME} configuration has dimensions ${JSON.stringify(dimensions)}: expected a number.`);
  }
  return { model, dimensions };
}

/**
 * A chromadb 3.x embedding function backed by an {@link OpenAIEmbeddingsProvider}: a collection
 * created with it embeds its documents and `queryTexts` itself, and every call is priced into the
 * provider's tracker. It uses the cosine space by default and records its model and dimensions in
 * the collection's configuration (never a key).
 *
 * @example
 * const collection = await client.getOrCreateCollection({
 *   name: "docs",
 *   embeddingFunction: new ChromaEmbeddingFunction(factory.forRole(AgentRole.EMBEDDINGS)),
 * });
 */
export class ChromaEmbeddingFunction implements EmbeddingFunction {
  /** The name a collection records for this function. */
  readonly name = CHROMA_EMBEDDING_FUNCTION_NAME;
  /** The provider that embeds and prices every call. */
  readonly provider: OpenAIEmbeddingsProvider;

  /** @param provider - embeds every text; its tracker records and prices each call. */
  constructor(provider: OpenAIEmbeddingsProvider) {
    this.provider = provider;
  }

  /**
   * Rebuilds the function from a collection's stored configuration, for a client that registered
   * this class with chromadb's `registerEmbeddingFunction`. The new provider finds its key and
   * endpoint as usual (`OPENAI_API_KEY`, `OPENAI_BASE_URL`) and has no tracker: to price the calls,
   * pass `embeddingFunction: new ChromaEmbeddingFunction(provider)` to `getCollection` instead.
   */
  static buildFromConfig(config: Record<string, unknown>): ChromaEmbeddingFunction {
    return new ChromaEmbeddingFunction(new OpenAIEmbeddingsProvider(readConfig(config)));
  }

  /** One vector per text, in order, priced into the provider's tracker. */
  async generate(texts: string[]): Promise<number[][]> {
    return (await this.provider.embed({ texts })).embeddings;
  }

  /** OpenAI vectors are normalised: cosine distance. */
  defaultSpace(): EmbeddingFunctionSpace {
    return "cosine";
  }

  /** Every space Chroma offers works with normalised vectors. */
  supportedSpaces(): EmbeddingFunctionSpace[] {
    return ["cosine", "l2", "ip"];
  }

  /** What the collection stores: the model and, when set, the dimensions. */
  getConfig(): ChromaEmbeddingFunctionConfig {
    const { model, dimensions } = this.provider;
    return dimensions === undefined ? { model } : { model, dimensions };
  }

  /** Refuses a change of model or dimensions: vectors from two models cannot be compared. */
  validateConfigUpdate(newConfig: Record<string, unknown>): void {
    const current = this.getConfig();
    const next = readConfig(newConfig);
    if (next.model !== current.model || next.dimensions !== current.dimensions) {
      throw new InputError(
        `This collection's vectors come from ${JSON.stringify(current)}; they cannot be compared with vectors from ` +
          `${JSON.stringify(next)}. Create a new collection for the other model and ingest the documents into it.`,
      );
    }
  }
}
