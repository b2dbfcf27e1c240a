export type { LongContextTier, ModelPricing, PricingRates, PricingTable } from "./model-pricing";
export { PRICING } from "./prices";
export { findPricing, findPricingEntry, type PricingEntry } from "./find-pricing";
export { PriceList, type FoundPrice, type PriceSourceName } from "./price-list";
export { mergePricing } from "./merge-pricing";
export { costOf, dollarCost, isLongContext, usageCost, type TokenCounts } from "./cost";
export { costColumnFormatter, formatCost } from "./format-cost";
