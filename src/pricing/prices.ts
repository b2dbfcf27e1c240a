import { BEDROCK_ANTHROPIC_PRICES } from "./catalog/bedrock-anthropic";
import { BEDROCK_MODEL_PRICES } from "./catalog/bedrock-models";
import { OPENAI_PRICES } from "./catalog/openai";
import type { PricingTable } from "./model-pricing";

/**
 * The built-in prices, USD per 1M tokens, one row per exact model id, each with its source URL
 * and the day it was checked: the data is in `./catalog/` (one file per vendor family).
 *
 * Claude 4.5 and newer (and Nova 2 Lite) cost 10% more on a regional endpoint (bare id or `us.` /
 * `eu.` / `apac.` … profile) than through the `global.` profile: the `global.` row is the global
 * price, the bare row the regional one. Add or override rows with the `pricing` option.
 */
export const PRICING: PricingTable = { ...OPENAI_PRICES, ...BEDROCK_ANTHROPIC_PRICES, ...BEDROCK_MODEL_PRICES };
