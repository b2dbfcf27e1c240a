export type { LongContextTier, ModelPricing, PricingRates, PricingTable, ServiceTierRates } from "./model-pricing";
export { PRICING } from "./prices";
export { findPricing, findPricingEntry, type PricingEntry } from "./find-pricing";
export { PriceList, type FoundPrice, type PricePremium, type PriceSourceName } from "./price-list";
export { mergePricing } from "./merge-pricing";
export { appliedRates, isStandardTier, type AppliedRates } from "./applied-rates";
export { costOf, dollarCost, isLongContext, priceTokens, usageCost, type CostOptions, type PricedTokens, type TokenCounts } from "./cost";
export { costColumnFormatter, formatCost } from "./format-cost";
