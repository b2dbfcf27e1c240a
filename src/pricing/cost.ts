import { InputError, UnknownModelPricingError } from "../errors";
import type { TokenUsage } from "../types";
import { appliedRates, type AppliedRates } from "./applied-rates";
import { findPricing } from "./find-pricing";
import type { ModelPricing, PricingTable } from "./model-pricing";
import { PRICING } from "./prices";

/** Token counts of one request, as {@link dollarCost} takes them. */
export interface TokenCounts {
  /** ALL input tokens, the cached parts (`cacheRead`, `cacheWrite`) included. */
  tokensPrompt: number;
  /** Output tokens; 0 or absent for embeddings. */
  tokensCompletion?: number;
  /** Part of `tokensPrompt` read from the prompt cache. */
  cacheRead?: number;
  /** Part of `tokensPrompt` written to the prompt cache (both TTLs). */
  cacheWrite?: number;
  /** Part of `cacheWrite` written with a 1-hour TTL. */
  cacheWrite1h?: number;
}

/** Options of {@link dollarCost} and {@link costOf}. */
export interface CostOptions {
  /** The service tier that served the request (`flex`, `priority`, …); standard when absent. */
  serviceTier?: string;
}

/** A request's cost and the rates it was priced at. */
export interface PricedTokens extends AppliedRates {
  /** USD, unrounded. */
  usd: number;
}

const TOKENS_PER_UNIT = 1_000_000;

function checkCount(name: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InputError(`${name} must be a finite number of tokens, 0 or more; got ${String(value)}.`);
  }
}

/** Refuses counts that are not finite numbers, 0 or more, and parts larger than their whole. */
function checkCounts(tokensPrompt: number, tokensCompletion: number, cacheRead: number, cacheWrite: number, cacheWrite1h: number): void {
  checkCount("tokensPrompt", tokensPrompt);
  checkCount("tokensCompletion", tokensCompletion);
  checkCount("cacheRead", cacheRead);
  checkCount("cacheWrite", cacheWrite);
  checkCount("cacheWrite1h", cacheWrite1h);
  if (cacheRead + cacheWrite > tokensPrompt) {
    throw new InputError(
      `cacheRead + cacheWrite (${cacheRead + cacheWrite}) exceed tokensPrompt (${tokensPrompt}): ` +
        `the prompt count must include its cached parts, as TokenUsage.input does.`,
    );
  }
  if (cacheWrite1h > cacheWrite) {
    throw new InputError(`cacheWrite1h (${cacheWrite1h}) exceeds cacheWrite (${cacheWrite}): 1-hour writes are part of the cache writes.`);
  }
}

/**
 * A request's cost at one price row, with the rates that applied: see {@link dollarCost}.
 * @throws InputError when a count is negative, NaN or infinite, or a part exceeds its whole.
 */
export function priceTokens(pricing: ModelPricing, tokens: TokenCounts, options: CostOptions = {}): PricedTokens {
  const { tokensPrompt, tokensCompletion = 0, cacheRead = 0, cacheWrite = 0, cacheWrite1h = 0 } = tokens;
  return priceCounts(pricing, tokensPrompt, tokensCompletion, cacheRead, cacheWrite, cacheWrite1h, options.serviceTier);
}

/** {@link priceTokens} of counts passed one by one (no object to build on a call's hot path). */
function priceCounts(
  pricing: ModelPricing,
  tokensPrompt: number,
  tokensCompletion: number,
  cacheRead: number,
  cacheWrite: number,
  cacheWrite1h: number,
  serviceTier: string | undefined,
): PricedTokens {
  checkCounts(tokensPrompt, tokensCompletion, cacheRead, cacheWrite, cacheWrite1h);
  const applied = appliedRates(pricing, tokensPrompt, serviceTier);
  const { rates } = applied;
  const cacheWriteRate = rates.cacheWrite ?? rates.input;
  const microDollars =
    (tokensPrompt - cacheRead - cacheWrite) * rates.input +
    cacheRead * (rates.cacheRead ?? rates.input) +
    (cacheWrite - cacheWrite1h) * cacheWriteRate +
    cacheWrite1h * (rates.cacheWrite1h ?? cacheWriteRate) +
    tokensCompletion * rates.output;
  const priced: PricedTokens = { rates, longContext: applied.longContext, usd: microDollars / TOKENS_PER_UNIT };
  if (applied.serviceTier !== undefined) priced.serviceTier = applied.serviceTier;
  if (applied.unpricedTier !== undefined) priced.unpricedTier = applied.unpricedTier;
  return priced;
}

/**
 * The dollar cost of one request: uncached input at `input`, cache reads at `cacheRead`, cache
 * writes at `cacheWrite` — 1-hour writes at `cacheWrite1h` — (each at `input` when the row has no
 * such price; 1-hour writes at `cacheWrite` when the row has no 1-hour price), output at `output`.
 * A row with a `longContext` tier bills the whole request at the tier's rates when `tokensPrompt`
 * exceeds the tier's threshold. With a `serviceTier` the row lists in `serviceTiers`, that tier's
 * rates apply; any other non-standard tier is priced at the standard rates (see `priceTokens`,
 * which says so).
 *
 * @param pricing - a row of a {@link PricingTable}, USD per 1M tokens.
 * @param tokens - the counts; `tokensPrompt` INCLUDES `cacheRead` and `cacheWrite`.
 * @param options - the service tier that served the request.
 * @returns USD, unrounded.
 * @throws InputError when a count is negative, NaN or infinite, or the cached parts exceed `tokensPrompt`.
 */
export function dollarCost(pricing: ModelPricing, tokens: TokenCounts, options?: CostOptions): number {
  return priceTokens(pricing, tokens, options).usd;
}

/**
 * Whether a call of this model with this usage is billed at the model's long-context tier
 * (Sonnet 4 / 4.5 over 200k input tokens, GPT-5.4 and newer from 272k), so callers can flag it.
 *
 * @param model - the model id, resolved as {@link findPricing} does.
 * @param usage - the call's usage; `usage.input` counts cache reads and writes.
 * @param table - the prices in use; the built-in {@link PRICING} by default.
 * @returns false for a model without a tier or without a price.
 */
export function isLongContext(model: string, usage: TokenUsage, table: PricingTable = PRICING): boolean {
  const pricing = findPricing(model, table);
  return pricing !== undefined && appliedRates(pricing, usage.input).longContext;
}

/**
 * The dollar cost of one call of a model, from its {@link TokenUsage}.
 *
 * @param model - the model id, resolved as {@link findPricing} does.
 * @param usage - the call's usage; `usage.input` includes `cacheRead` and `cacheWrite`.
 * @param table - the prices in use; the built-in {@link PRICING} by default.
 * @param options - the service tier that served the call.
 * @returns USD, unrounded (the long-context tier applied where it applies).
 * @throws UnknownModelPricingError when the table has no price for the model.
 * @throws InputError when the usage has invalid counts.
 */
export function costOf(model: string, usage: TokenUsage, table: PricingTable = PRICING, options?: CostOptions): number {
  const pricing = findPricing(model, table);
  if (pricing === undefined) throw new UnknownModelPricingError(model);
  return usageCost(pricing, usage, options).usd;
}

/**
 * The cost of a {@link TokenUsage} at one price row, with the rates that applied: `priceTokens`
 * with the usage's fields, for callers that have already looked the row up.
 */
export function usageCost(pricing: ModelPricing, usage: TokenUsage, options?: CostOptions): PricedTokens {
  // Defaults for absent parts only (as priceTokens has them): a null count is refused, not taken as 0.
  const { input, output = 0, cacheRead = 0, cacheWrite = 0, cacheWrite1h = 0 } = usage;
  return priceCounts(pricing, input, output, cacheRead, cacheWrite, cacheWrite1h, options?.serviceTier);
}
