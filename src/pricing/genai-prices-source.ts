import type { ModelPrice } from "@pydantic/genai-prices";
import { pricedAsBedrock } from "../model-ids";
import type { ModelPricing, PricingRates } from "./model-pricing";

/** Where rows of the second price source come from. */
export const GENAI_PRICES_SOURCE = "https://github.com/pydantic/genai-prices";

/** A row of the second price source and the id genai-prices lists it under. */
export interface GenaiPricesRow {
  id: string;
  row: ModelPricing;
}

type GenaiPrices = typeof import("@pydantic/genai-prices");

/** genai-prices' price keys that a text call is billed by, and the fields of a row they fill. */
const FIELDS: readonly (readonly [string, keyof PricingRates])[] = [
  ["input_mtok", "input"],
  ["output_mtok", "output"],
  ["cache_read_mtok", "cacheRead"],
  ["cache_write_mtok", "cacheWrite"],
  ["cache_write_1h_mtok", "cacheWrite1h"],
];

/** Ids looked up so far (`null`: unknown to genai-prices too), so each id is looked up once per process. */
const looked = new Map<string, GenaiPricesRow | null>();
/** More distinct ids than this (a caller inventing ids) starts the memory afresh. */
const MAX_REMEMBERED = 1000;
let library: GenaiPrices | undefined;

/**
 * The library, loaded on the first miss only: it bundles megabytes of price data that a call of
 * a built-in model never needs. Its update functions (which fetch from the internet) are never called.
 */
function genaiPrices(): GenaiPrices {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (library ??= require("@pydantic/genai-prices") as GenaiPrices);
}

/** A tiered price as genai-prices writes it: `{ base, tiers: [{ start, price }] }`. */
interface TieredPrice {
  base: number;
  tiers: readonly { start: number; price: number }[];
}

/**
 * A genai-prices price as a row: flat prices as they are, one tier shared by every tiered price as
 * the row's `longContext` (genai-prices, like this package, bills the whole request at the tier
 * above its start). Undefined for a price that is not per text token, or tiers a row cannot hold.
 */
export function rowOfGenaiPrice(price: ModelPrice): ModelPricing | undefined {
  const base: Partial<PricingRates> = {};
  const long: Partial<PricingRates> = {};
  let start: number | undefined;
  for (const [key, field] of FIELDS) {
    const value = price[key] as number | TieredPrice | undefined;
    if (value === undefined) continue;
    if (typeof value === "number") {
      base[field] = long[field] = value;
      continue;
    }
    const tier = value.tiers.length === 1 ? value.tiers[0]! : undefined;
    if (tier === undefined || (start !== undefined && tier.start !== start)) return undefined;
    start = tier.start;
    base[field] = value.base;
    long[field] = tier.price;
  }
  if (base.input === undefined) return undefined;
  const row: ModelPricing = { ...base, input: base.input, output: base.output ?? 0, source: GENAI_PRICES_SOURCE };
  if (start !== undefined) row.longContext = { ...long, input: long.input!, output: long.output ?? 0, aboveInputTokens: start };
  return row;
}

function lookUp(model: string, providerId: string): GenaiPricesRow | undefined {
  const result = genaiPrices().calcPrice({ input_tokens: 0, output_tokens: 0 }, model, { providerId });
  const row = result === null ? undefined : rowOfGenaiPrice(result.model_price);
  return row === undefined ? undefined : { id: result!.model.id, row };
}

/**
 * The price `@pydantic/genai-prices` (MIT, data bundled, no network) holds for a model id, as a
 * row of this package, looked up under genai-prices' provider `providerId` (a vendor's descriptor
 * names it: "openai", "aws", "azure"); without one, an id of Bedrock's shape is looked up under
 * "aws" and any other under "openai". The library is loaded at the first call only, and each id is
 * looked up once per provider.
 *
 * @returns the row and genai-prices' id for it, or undefined when genai-prices does not know the model.
 */
export function genaiPricesRow(model: string, providerId: string = pricedAsBedrock(model) ? "aws" : "openai"): GenaiPricesRow | undefined {
  const key = `${providerId}\u0000${model}`;
  let entry = looked.get(key);
  if (entry === undefined) {
    if (looked.size >= MAX_REMEMBERED) looked.clear();
    entry = lookUp(model, providerId) ?? null;
    looked.set(key, entry);
  }
  return entry ?? undefined;
}
