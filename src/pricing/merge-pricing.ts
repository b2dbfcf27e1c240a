import { InputError } from "../errors";
import type { PricingTable } from "./model-pricing";
import { PRICING } from "./prices";

const RATE_FIELDS = ["input", "output", "cacheRead", "cacheWrite", "cacheWrite1h"] as const;

function isAmount(value: unknown): boolean {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

function checkRate(where: string, value: unknown, required: boolean): void {
  if ((value !== undefined || required) && !isAmount(value)) {
    throw new InputError(`${where} must be a finite price, 0 or more (USD per 1M tokens); got ${String(value)}.`);
  }
}

function checkRates(where: string, rates: unknown): void {
  if (typeof rates !== "object" || rates === null) {
    throw new InputError(`${where} must be an object such as { input: 1, output: 2 } (USD per 1M tokens).`);
  }
  const fields = rates as Record<string, unknown>;
  for (const field of RATE_FIELDS) checkRate(`${where}.${field}`, fields[field], field === "input" || field === "output");
}

function checkLongContext(where: string, tier: unknown): void {
  if (tier === undefined) return;
  checkRates(`${where}.longContext`, tier);
  const threshold = (tier as { aboveInputTokens?: unknown }).aboveInputTokens;
  if (!isAmount(threshold)) {
    throw new InputError(
      `${where}.longContext.aboveInputTokens must be a number of input tokens, 0 or more; got ${String(threshold)}.`,
    );
  }
}

function checkServiceTiers(where: string, tiers: unknown): void {
  if (tiers === undefined) return;
  if (typeof tiers !== "object" || tiers === null) {
    throw new InputError(`${where}.serviceTiers must be an object of rates by tier, e.g. { flex: { input: 0.5, output: 4 } }.`);
  }
  for (const [tier, rates] of Object.entries(tiers)) {
    checkRates(`${where}.serviceTiers.${tier}`, rates);
    checkLongContext(`${where}.serviceTiers.${tier}`, (rates as { longContext?: unknown }).longContext);
  }
}

function checkRow(model: string, row: unknown): void {
  const where = `pricing[${JSON.stringify(model)}]`;
  checkRates(where, row);
  const fields = row as { longContext?: unknown; serviceTiers?: unknown };
  checkLongContext(where, fields.longContext);
  checkServiceTiers(where, fields.serviceTiers);
}

/**
 * The prices a provider or tracker uses: user rows merged over a base table (the built-in
 * {@link PRICING} by default), user rows winning. Resolve ids in the result with `findPricing`.
 *
 * @param overrides - rows to add or replace, USD per 1M tokens (the `pricing` option).
 * @param base - the table to merge over.
 * @returns a new table; neither argument is changed.
 * @throws InputError when a user row has a missing, negative or non-finite price.
 */
export function mergePricing(overrides?: PricingTable, base: PricingTable = PRICING): PricingTable {
  if (overrides === undefined) return { ...base };
  checkPricingRows(overrides);
  return { ...base, ...overrides };
}

/**
 * Checks price rows given by a user (the `pricing` option).
 * @throws InputError when a row has a missing, negative or non-finite price.
 */
export function checkPricingRows(rows: PricingTable): void {
  if (typeof rows !== "object" || rows === null) throw new InputError("pricing must be an object of rows by model id, e.g. { \"my-model\": { input: 1, output: 2 } }.");
  for (const [model, row] of Object.entries(rows)) checkRow(model, row);
}
