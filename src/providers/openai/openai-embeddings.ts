import { inspect } from "node:util";
import { describeProvider, providerView, type ProviderView } from "../public-view";
import { Embeddings } from "@langchain/core/embeddings";
import OpenAI from "openai";
import { checkPositiveWholeNumber, UnknownModelPricingError } from "../../errors";
import { PriceList, type PricingTable } from "../../pricing";
import { countPlainTokens } from "../../tokens/encodings";
import { CallRun, type RunFailure } from "../../tracking/call-run";
import type { CostTracker } from "../../tracking/cost-tracker";
import type { PricedCall } from "../../tracking/priced-call";
import type { EmbeddingResult, ProviderName } from "../../types";
import type { VendorDescriptor } from "../vendor";

/** What is kept of one embeddings response for pricing: its model and usage, not its vectors. */
interface EmbeddingResponseUsage {
  model: string;
  usage: OpenAI.CreateEmbeddingResponse.Usage;
}
import { DEFAULT_MAX_RETRIES } from "../chat-provider";
import { toProviderError } from "../provider-error";
import { onFailedAttempt } from "../retry";
import { embeddingBatches } from "./embedding-batches";
import { openAIConnection, type OpenAIConnection } from "./openai-connection";
import { OPENAI_VENDOR } from "./openai-vendor";

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

/** @internal What a subclass for another vendor of the OpenAI wire (Azure) gives the constructor. */
export interface EmbeddingsVendor {
  vendor: VendorDescriptor;
  /** How the provider's prices are made from its tracker's (or the built-in) list and its `pricing` rows. */
  prices?: (base: PriceList) => PriceList;
  /** The error a model without a price is refused with. */
  unpriced?: (model: string) => Error;
}

/**
 * OpenAI embeddings, priced from the `usage.prompt_tokens` of each API response (LangChain's
 * `OpenAIEmbeddings` drops it). A LangChain `Embeddings`, so it plugs into any vector store.
 */
export class OpenAIEmbeddingsProvider extends Embeddings {
  /** The vendor's name, carried by every result and error ("openai"). */
  readonly provider: ProviderName;
  readonly model: string;
  readonly dimensions?: number;
  readonly batchSize: number;
  readonly pricing: PricingTable;
  /** @internal The same prices in layers, as calls are priced. */
  readonly prices: PriceList;
  readonly tracker?: CostTracker;
  private readonly role?: string;
  private readonly connection: OpenAIConnection;
  private client?: OpenAI;

  /** @param vendor - for subclasses of another vendor of the OpenAI wire (Azure); default OpenAI's. */
  constructor(settings: OpenAIEmbeddingsSettings = {}, vendor: EmbeddingsVendor = { vendor: OPENAI_VENDOR }) {
    super({ maxRetries: settings.maxRetries ?? DEFAULT_MAX_RETRIES, onFailedAttempt });
    this.provider = vendor.vendor.name;
    this.model = settings.model ?? DEFAULT_EMBEDDING_MODEL;
    checkPositiveWholeNumber("dimensions", settings.dimensions);
    checkPositiveWholeNumber("batchSize", settings.batchSize);
    this.dimensions = settings.dimensions;
    this.batchSize = settings.batchSize ?? 512;
    const base = (settings.tracker?.prices ?? PriceList.builtIn()).withCustom(settings.pricing);
    this.prices = vendor.prices?.(base) ?? base;
    this.pricing = this.prices.table();
    if (this.prices.find(this.model, this.model, vendor.vendor.prices.genaiPricesProvider) === undefined) {
      throw vendor.unpriced?.(this.model) ?? new UnknownModelPricingError(this.model);
    }
    this.tracker = settings.tracker;
    this.role = settings.metadata?.role;
    this.connection = openAIConnection(settings);
  }

  /** The SDK client requests go through, built at the first request (the API key is resolved then). */
  protected createClient(): OpenAI {
    return new OpenAI({ apiKey: this.connection.apiKey, baseURL: this.connection.baseURL, maxRetries: 0 });
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
   * tracker. A tracker's budget reserves the texts' counted input first (`BudgetExceededError`
   * before any request); when a later batch fails, the batches already billed are recorded before
   * the error is thrown.
   */
  async embed(options: { texts: string[]; signal?: AbortSignal }): Promise<EmbeddingResult> {
    const batches = embeddingBatches(options.texts, this.batchSize);
    const texts = options.texts;
    const run = new CallRun({
      kind: "embeddings",
      provider: this.provider,
      requestedModel: this.model,
      prompt: [],
      prices: this.prices,
      labels: { role: this.role },
      countInput: () => texts.reduce((sum, text) => sum + countPlainTokens("cl100k_base", text), 0),
      endedBy: "provider",
    });
    await this.tracker?.joinRun(run);
    const embeddings: number[][] = [];
    const responses: EmbeddingResponseUsage[] = [];
    try {
      for (const batch of batches) {
        const response = await this.request(batch.texts, options.signal);
        for (const item of response.data) embeddings[batch.start + item.index] = item.embedding;
        responses.push({ model: response.model, usage: response.usage });
      }
    } catch (error) {
      const failure = { kind: "error" as const, error };
      await (responses.length > 0 ? this.settle(run, responses, failure) : run.release(failure));
      throw error;
    }
    const { result } = await this.settle(run, responses);
    return { ...result, embeddings, dimensions: embeddings[0]?.length ?? 0 };
  }

  /** Prices the billed batches once, for the result and the tracker alike. */
  private async settle(run: CallRun, responses: EmbeddingResponseUsage[], failure?: RunFailure): Promise<PricedCall> {
    const input = responses.reduce((sum, response) => sum + response.usage.prompt_tokens, 0);
    return run.settle({
      provider: this.provider,
      model: responses[0]!.model,
      requestedModel: this.model,
      content: "",
      usage: { input, output: 0, cacheRead: 0, cacheWrite: 0 },
      estimated: false,
      raw: { requests: responses },
    }, failure);
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
    this.client ??= this.createClient();
    const client = this.client;
    try {
      return await this.caller.callWithOptions({ signal }, () =>
        client.embeddings.create({ model: this.model, input: texts, dimensions: this.dimensions }, { signal }),
      );
    } catch (error) {
      throw toProviderError(error, { provider: this.provider, model: this.model });
    }
  }
}
