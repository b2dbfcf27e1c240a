import { InputError, UnknownModelPricingError } from "../errors";
import type { TokenUsage } from "../types";
import { findPricing } from "./find-pricing";
import type { LongContextTier, ModelPricing, PricingRates, PricingTable } from "./model-pricing";
import { PRICING } from "./prices";

/** Token counts of one request, as {@link dollarCost} takes them. */
export interface TokenCounts {
  /** ALL input tokens, the cached parts (`cacheRead`, `cacheWrite`) included. */
  tokensPrompt: number;
  /** Output tokens; 0 or absent for embeddings. */
  tokensCompletion?: number;
  /** Part of `tokensPrompt` read from the prompt cache. */
  cacheRead?: number;
  /** Part of `tokensPrompt` written to the prompt cache. */
  cacheWrite?: number;
}

const TOKENS_PER_UNIT = 1_000_000;

function checkCount(name: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InputError(`${name} must be a finite number of tokens, 0 or more; got ${String(value)}.`);
  }
}

/**
 * The row's long-context tier when a request with this many input tokens (cached parts
 * included) falls in it: the tier then prices the whole request.
 */
function longContextTier(pricing: ModelPricing, tokensPrompt: number): LongContextTier | undefined {
  const tier = pricing.longContext;
  return tier !== undefined && tokensPrompt > tier.aboveInputTokens ? tier : undefined;
}

/**
 * The dollar cost of one request: uncached input at `input`, cache reads at `cacheRead`, cache
 * writes at `cacheWrite` (each at `input` when the row has no such price), output at `output`.
 * A row with a `longContext` tier bills the whole request at the tier's rates when `tokensPrompt`
 * exceeds the tier's threshold.
 *
 * @param pricing - a row of a {@link PricingTable}, USD per 1M tokens.
 * @param tokens - the counts; `tokensPrompt` INCLUDES `cacheRead` and `cacheWrite`.
 * @returns USD, unrounded.
 * @throws InputError when a count is negative, NaN or infinite, or the cached parts exceed `tokensPrompt`.
 */
export function dollarCost(pricing: ModelPricing, tokens: TokenCounts): number {
  const { tokensPrompt, tokensCompletion = 0, cacheRead = 0, cacheWrite = 0 } = tokens;
  checkCount("tokensPrompt", tokensPrompt);
  checkCount("tokensCompletion", tokensCompletion);
  checkCount("cacheRead", cacheRead);
  checkCount("cacheWrite", cacheWrite);
  if (cacheRead + cacheWrite > tokensPrompt) {
    throw new InputError(
      `cacheRead + cacheWrite (${cacheRead + cacheWrite}) exceed tokensPrompt (${tokensPrompt}): ` +
        `the prompt count must include its cached parts, as TokenUsage.input does.`,
    );
  }
  const rates: PricingRates = longContextTier(pricing, tokensPrompt) ?? pricing;
  const uncached = tokensPrompt - cacheRead - cacheWrite;
  const microDollars =
    uncached * rates.input +
    cacheRead * (rates.cacheRead ?? rates.input) +
    cacheWrite * (rates.cacheWrite ?? rates.input) +
    tokensCompletion * rates.output;
  return microDollars / TOKENS_PER_UNIT;
}

/**
 * Whether a call of this model with this usage is billed at the model's long-context tier
 * (Sonnet 4 / 4.5 over 200k input tokens), so callers can flag it.
 *
 * @param model - the model id, resolved as {@link findPricing} does.
 * @param usage - the call's usage; `usage.input` counts cache reads and writes.
 * @param table - the prices in use; the built-in {@link PRICING} by default.
 * @returns false for a model without a tier or without a price.
 */
export function isLongContext(model: string, usage: TokenUsage, table: PricingTable = PRICING): boolean {
  const pricing = findPricing(model, table);
  return pricing !== undefined && longContextTier(pricing, usage.input) !== undefined;
}

/**
 * The dollar cost of one call of a model, from its {@link TokenUsage}.
 *
 * @param model - the model id, resolved as {@link findPricing} does.
 * @param usage - the call's usage; `usage.input` includes `cacheRead` and `cacheWrite`.
 * @param table - the prices in use; the built-in {@link PRICING} by default.
 * @returns USD, unrounded (the long-context tier applied where it applies).
 * @throws UnknownModelPricingError when the table has no price for the model.
 * @throws InputError when the usage has invalid counts.
 */
export function costOf(model: string, usage: TokenUsage, table: PricingTable = PRICING): number {
  const pricing = findPricing(model, table);
  if (pricing === undefined) throw new UnknownModelPricingError(model);
  return usageCost(pricing, usage);
}

/**
 * The dollar cost of a {@link TokenUsage} at one price row: {@link dollarCost} with the usage's
 * fields, for callers that have already looked the row up.
 */
export function usageCost(pricing: ModelPricing, usage: TokenUsage): number {
  return dollarCost(pricing, {
    tokensPrompt: usage.input,
    tokensCompletion: usage.output,
    cacheRead: usage.cacheRead,
    cacheWrite: usage.cacheWrite,
  });
}
