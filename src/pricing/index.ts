export type { LongContextTier, ModelPricing, PricingRates, PricingTable } from "./model-pricing";
export { PRICING } from "./prices";
export { findPricing } from "./find-pricing";
export { mergePricing } from "./merge-pricing";
export { costOf, dollarCost, isLongContext, usageCost, type TokenCounts } from "./cost";
export { formatCost } from "./format-cost";
