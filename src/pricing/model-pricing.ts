/** Prices of one kind of request, in USD per 1M tokens. */
export interface PricingRates {
  /** Input tokens not read from or written to the prompt cache. */
  input: number;
  /** Output tokens, reasoning included. */
  output: number;
  /** Input tokens read from the prompt cache; priced at `input` when absent. */
  cacheRead?: number;
  /** Input tokens written to the prompt cache (5-minute TTL); priced at `input` when absent. */
  cacheWrite?: number;
  /** Input tokens written to the prompt cache with a 1-hour TTL; priced at `cacheWrite` when absent. */
  cacheWrite1h?: number;
}

/**
 * A pricing tier that bills a whole request at other rates once its input, cached parts
 * included, exceeds a number of tokens (Anthropic's Sonnet 4 / 4.5 over 200k, OpenAI's
 * GPT-5.4 and newer from 272k).
 */
export interface LongContextTier extends PricingRates {
  /** The tier applies when a request has MORE input tokens than this. */
  aboveInputTokens: number;
}

/** The rates of one service tier (OpenAI `flex` / `priority`, Bedrock `flex` / `priority`). */
export interface ServiceTierRates extends PricingRates {
  /** The tier's own long-context rates; without them, a long request at this tier is priced at the row's standard long-context rates and flagged. */
  longContext?: LongContextTier;
}

/** The price of one model, in USD per 1M tokens, with where it came from. */
export interface ModelPricing extends PricingRates {
  /** Rates for the whole request when its input exceeds `longContext.aboveInputTokens`. */
  longContext?: LongContextTier;
  /**
   * Rates of the service tiers that have their own price, by the tier's name as the provider
   * reports it (`flex`, `priority`). A call served at a tier not listed here is priced at the
   * standard rates and flagged (`pricedWith.unpricedTier`).
   */
  serviceTiers?: Record<string, ServiceTierRates>;
  /** The page the price was read from. */
  source?: string;
  /** The day the price was last checked against `source` (YYYY-MM-DD). */
  checked?: string;
}

/** Model id → price. Keys are exact model ids; see `findPricing` for how ids are matched. */
export type PricingTable = Record<string, ModelPricing>;
