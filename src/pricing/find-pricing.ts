import type { ModelPricing, PricingTable } from "./model-pricing";
import { PRICING } from "./prices";
import { idInsideArn, withoutGeography } from "../model-ids";

/** A dated OpenAI snapshot such as `gpt-4o-mini-2024-07-18`. */
const DATED_SNAPSHOT = /^(.+)-\d{4}-\d{2}-\d{2}$/;

/** A row of a table and the id it is listed under. */
export interface PricingEntry {
  /** The id of the row, e.g. "gpt-4o" for an answered "gpt-4o-2024-12-31". */
  id: string;
  row: ModelPricing;
}

/** The table's own row for exactly this id (never an inherited property such as "constructor"). */
function entryOf(table: PricingTable, id: string): PricingEntry | undefined {
  return Object.hasOwn(table, id) ? { id, row: table[id]! } : undefined;
}

/** The row a model id resolves to, with its id; see {@link findPricing} for the rules. */
export function findPricingEntry(model: string, table: PricingTable = PRICING): PricingEntry | undefined {
  const exact = entryOf(table, model);
  if (exact !== undefined) return exact;
  const arnId = idInsideArn(model);
  if (arnId !== undefined) return findPricingEntry(arnId, table);
  const bareId = withoutGeography(model);
  if (bareId !== undefined) return entryOf(table, bareId);
  const family = DATED_SNAPSHOT.exec(model)?.[1];
  return family === undefined ? undefined : entryOf(table, family);
}

/**
 * Finds the price of a model id in a table, USD per 1M tokens.
 *
 * Tried in order: the exact id; the id inside a Bedrock inference-profile or foundation-model
 * ARN (resolved again by these rules); a Bedrock geography profile (`us.`, `eu.`, `apac.`, `jp.`,
 * `au.`, `ca.`, `us-gov.`, `global.`) without its own row priced as the bare id — for Sonnet 4.5
 * and Haiku 4.5 the `global.` row is the global price and the bare row the regional (+10%) one;
 * a dated snapshot (`-YYYY-MM-DD`) without its own row priced as its family. A table merged
 * from user rows over the built-in one resolves the same way, its rows winning.
 * Provider prefixes such as `openai:` are the caller's to strip.
 *
 * @param model - the model id, as requested or as the provider answered it.
 * @param table - the prices to look in; the built-in {@link PRICING} by default.
 * @returns the row, or `undefined` when the model is unknown (never a silent $0).
 */
export function findPricing(model: string, table: PricingTable = PRICING): ModelPricing | undefined {
  return findPricingEntry(model, table)?.row;
}
