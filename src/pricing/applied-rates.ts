import type { ModelPricing, PricingRates } from "./model-pricing";

/** Tier names that mean the standard rates: OpenAI's `default` / `auto`, Bedrock's `default`. */
const STANDARD_TIERS: ReadonlySet<string> = new Set(["default", "auto", "standard"]);

/** Whether a service tier is billed at a row's standard rates (no tier, `default`, `auto`). */
export function isStandardTier(tier: string | undefined): boolean {
  return tier === undefined || STANDARD_TIERS.has(tier);
}

/** The rates a request is billed at, and the tier they belong to. */
export interface AppliedRates {
  rates: PricingRates;
  /** The service tier whose own rates apply; absent for standard rates. */
  serviceTier?: string;
  /** A non-standard tier the request was served at that has no rate here: it was priced at standard rates. */
  unpricedTier?: string;
  /** Whether the long-context rates apply (the request's input is above the threshold). */
  longContext: boolean;
}

/**
 * The rates of one request: the row's standard rates, or those of its service tier, each
 * replaced by its long-context rates when the input (cached parts included) exceeds the
 * threshold. A tier without a rate here (or without long-context rates for a long request)
 * falls back to the standard rates, and says so in `unpricedTier`: never a silent guess.
 *
 * @param row - the model's price row.
 * @param inputTokens - ALL input tokens of the request, cached parts included.
 * @param tier - the tier the request was served at, as the provider names it.
 */
export function appliedRates(row: ModelPricing, inputTokens: number, tier?: string): AppliedRates {
  const long = row.longContext !== undefined && inputTokens > row.longContext.aboveInputTokens;
  const standard: PricingRates = long ? row.longContext! : row;
  if (isStandardTier(tier)) return { rates: standard, longContext: long };
  const tiers = row.serviceTiers;
  const tierRates = tiers !== undefined && Object.hasOwn(tiers, tier!) ? tiers[tier!] : undefined;
  const rates = tierRates === undefined ? undefined : long ? tierRates.longContext : tierRates;
  if (rates === undefined) return { rates: standard, unpricedTier: tier, longContext: long };
  return { rates, serviceTier: tier, longContext: long };
}
