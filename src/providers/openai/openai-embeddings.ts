import { inspect } from "node:util";
import { describeProvider, providerView, type ProviderView } from "../public-view";
import { Embeddings } from "@langchain/core/embeddings";
import OpenAI from "openai";
import { checkPositiveWholeNumber, UnknownModelPricingError } from "../../errors";
import { findPricing, mergePricing, type PricingTable } from "../../pricing";
import type { CostTracker } from "../../tracking/cost-tracker";
import { priceCall } from "../../tracking/priced-call";
import type { EmbeddingResult, LLMCallResult } from "../../types";

/** What is kept of one embeddings response for pricing: its model and usage, not its vectors. */
interface EmbeddingResponseUsage {
  model: string;
  usage: OpenAI.CreateEmbeddingResponse.Usage;
}
import { DEFAULT_MAX_RETRIES } from "../chat-provider";
import { toProviderError } from "../provider-error";
import { onFailedAttempt } from "../retry";
import { embeddingBatches } from "./embedding-batches";
import { openAIConnection } from "./openai-connection";

/** Settings of an {@link OpenAIEmbeddingsProvider}. */
export interface OpenAIEmbeddingsSettings {
  /** Default "text-embedding-3-large". */
  model?: string;
  /** Vector length (text-embedding-3 models can shorten their vectors). */
  dimensions?: number;
  /** Texts per request, at most 2048 (default 512). */
  batchSize?: number;
  baseURL?: string;
  apiKey?: string;
  /** Retries of a retryable failure, default 2. */
  maxRetries?: number;
  pricing?: PricingTable;
  /** Every `embed` call is recorded here (callbacks never see embeddings). */
  tracker?: CostTracker;
  /** `role` is recorded with each call (the factory sets it). */
  metadata?: { role?: string };
  env?: Record<string, string | undefined>;
}

/** The default embeddings model. */
export const DEFAULT_EMBEDDING_MODEL = "text-embedding-3-large";

/**
 * OpenAI embeddings, priced from the `usage.prompt_tokens` of each API response (LangChain's
 * `OpenAIEmbeddings` drops it). A LangChain `Embeddings`, so it plugs into any vector store.
 */
export class OpenAIEmbeddingsProvider extends Embeddings {
  readonly provider = "openai" as const;
  readonly model: string;
  readonly dimensions?: number;
  readonly batchSize: number;
  readonly pricing: PricingTable;
  readonly tracker?: CostTracker;
  private readonly role?: string;
  private readonly connection: ReturnType<typeof openAIConnection>;
  private client?: OpenAI;

  constructor(settings: OpenAIEmbeddingsSettings = {}) {
    super({ maxRetries: settings.maxRetries ?? DEFAULT_MAX_RETRIES, onFailedAttempt });
    this.model = settings.model ?? DEFAULT_EMBEDDING_MODEL;
    checkPositiveWholeNumber("dimensions", settings.dimensions);
    checkPositiveWholeNumber("batchSize", settings.batchSize);
    this.dimensions = settings.dimensions;
    this.batchSize = settings.batchSize ?? 512;
    this.pricing = mergePricing(settings.pricing);
    if (findPricing(this.model, this.pricing) === undefined) throw new UnknownModelPricingError(this.model);
    this.tracker = settings.tracker;
    this.tracker?.adoptPricing(settings.pricing);
    this.role = settings.metadata?.role;
    this.connection = openAIConnection(settings);
  }

  /** `JSON.stringify` shows only `{ provider, model }`: never the SDK client or its credentials. */
  toJSON(): ProviderView {
    return providerView(this);
  }

  /** `console.log` / `util.inspect` show only the provider and model. */
  [inspect.custom](): string {
    return describeProvider(this);
  }

  /**
   * Embeds texts in batches within OpenAI's limits; vectors in input order, priced, recorded in the
   * tracker. Stops before any request once the tracker's budget is spent; when a later batch fails,
   * the batches already billed are recorded before the error is thrown.
   */
  async embed(options: { texts: string[]; signal?: AbortSignal }): Promise<EmbeddingResult> {
    const batches = embeddingBatches(options.texts, this.batchSize);
    this.tracker?.assertWithinBudget();
    const embeddings: number[][] = [];
    const responses: EmbeddingResponseUsage[] = [];
    try {
      for (const batch of batches) {
        const response = await this.request(batch.texts, options.signal);
        for (const item of response.data) embeddings[batch.start + item.index] = item.embedding;
        responses.push({ model: response.model, usage: response.usage });
      }
    } catch (error) {
      if (responses.length > 0) this.recordPriced(responses);
      throw error;
    }
    const result = this.recordPriced(responses);
    return { ...result, embeddings, dimensions: embeddings[0]?.length ?? 0 };
  }

  private recordPriced(responses: EmbeddingResponseUsage[]): LLMCallResult {
    const input = responses.reduce((sum, response) => sum + response.usage.prompt_tokens, 0);
    const { result, priced } = priceCall(
      {
        provider: "openai",
        model: responses[0]?.model ?? this.model,
        requestedModel: this.model,
        content: "",
        usage: { input, output: 0, cacheRead: 0, cacheWrite: 0 },
        estimated: false,
        raw: { requests: responses },
      },
      this.pricing,
    );
    this.tracker?.record(result, { role: this.role, priced });
    return result;
  }

  /** LangChain `Embeddings`: one vector per document. */
  async embedDocuments(documents: string[]): Promise<number[][]> {
    return (await this.embed({ texts: documents })).embeddings;
  }

  /** LangChain `Embeddings`: the vector of one query. */
  async embedQuery(document: string): Promise<number[]> {
    return (await this.embed({ texts: [document] })).embeddings[0]!;
  }

  private async request(texts: string[], signal?: AbortSignal): Promise<OpenAI.CreateEmbeddingResponse> {
    this.client ??= new OpenAI({ apiKey: this.connection.apiKey, baseURL: this.connection.baseURL, maxRetries: 0 });
    const client = this.client;
    try {
      return await this.caller.callWithOptions({ signal }, () =>
        client.embeddings.create({ model: this.model, input: texts, dimensions: this.dimensions }, { signal }),
      );
    } catch (error) {
      throw toProviderError(error, { provider: "openai", model: this.model });
    }
  }
}
