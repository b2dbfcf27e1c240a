/** Prices of one kind of request, in USD per 1M tokens. */
export interface PricingRates {
  /** Input tokens not read from or written to the prompt cache. */
  input: number;
  /** Output tokens, reasoning included. */
  output: number;
  /** Input tokens read from the prompt cache; priced at `input` when absent. */
  cacheRead?: number;
  /** Input tokens written to the prompt cache; priced at `input` when absent. */
  cacheWrite?: number;
}

/**
 * A pricing tier that bills a whole request at other rates once its input, cached parts
 * included, exceeds a number of tokens (Anthropic's long-context tier for Sonnet 4 / 4.5).
 */
export interface LongContextTier extends PricingRates {
  /** The tier applies when a request has MORE input tokens than this. */
  aboveInputTokens: number;
}

/** The price of one model, in USD per 1M tokens, with where it came from. */
export interface ModelPricing extends PricingRates {
  /** Rates for the whole request when its input exceeds `longContext.aboveInputTokens`. */
  longContext?: LongContextTier;
  /** The page the price was read from. */
  source?: string;
  /** The day the price was last checked against `source` (YYYY-MM-DD). */
  checked?: string;
}

/** Model id → price. Keys are exact model ids; see `findPricing` for how ids are matched. */
export type PricingTable = Record<string, ModelPricing>;
