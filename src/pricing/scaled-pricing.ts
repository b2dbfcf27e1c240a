import type { LongContextTier, ModelPricing, PricingRates, ServiceTierRates } from "./model-pricing";

/** A price of a rate multiplied (an undefined one left undefined). */
function times(price: number | undefined, factor: number): number | undefined {
  return price === undefined ? undefined : price * factor;
}

/** Every rate of a set multiplied by `factor`. */
function scaledRates<Rates extends PricingRates>(rates: Rates, factor: number): Rates {
  const scaled: Rates = { ...rates, input: rates.input * factor, output: rates.output * factor };
  for (const name of ["cacheRead", "cacheWrite", "cacheWrite1h"] as const) {
    if (rates[name] !== undefined) scaled[name] = times(rates[name], factor);
  }
  return scaled;
}

function scaledTier(tier: LongContextTier | undefined, factor: number): LongContextTier | undefined {
  return tier === undefined ? undefined : scaledRates(tier, factor);
}

/**
 * A row with every rate — standard, long-context and each service tier's — multiplied by `factor`
 * (a premium over list prices, such as an Azure data-zone deployment's); thresholds, source and
 * check date kept.
 */
export function scaledPricing(row: ModelPricing, factor: number): ModelPricing {
  const scaled = scaledRates(row, factor);
  if (row.longContext !== undefined) scaled.longContext = scaledTier(row.longContext, factor);
  if (row.serviceTiers !== undefined) {
    const tiers: Record<string, ServiceTierRates> = {};
    for (const [name, tier] of Object.entries(row.serviceTiers)) tiers[name] = { ...scaledRates(tier, factor), longContext: scaledTier(tier.longContext, factor) };
    scaled.serviceTiers = tiers;
  }
  return scaled;
}
