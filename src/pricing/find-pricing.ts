import type { ModelPricing, PricingTable } from "./model-pricing";
import { PRICING } from "./prices";
import { idInsideArn, pricedAsBedrock, withoutGeography } from "../model-ids";

/** A dated OpenAI snapshot such as `gpt-4o-mini-2024-07-18`. */
const DATED_SNAPSHOT = /^(.+)-\d{4}-\d{2}-\d{2}$/;
/** An OpenAI fine-tuned model: `ft:<base model>:<org>:<suffix>:<id>` (the suffix may be empty). */
const FINE_TUNED = /^ft:([^:]+):/;
/** A Bedrock model version: `…-v1:0` → `…-v1` → `…`. */
const BEDROCK_VERSION = [/:\d+$/, /-v\d+$/];

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

/** A Bedrock id and the same id with its version dropped, step by step (`x-v1:0`, `x-v1`, `x`). */
function versionsOf(model: string): string[] {
  const ids = [model];
  for (const version of BEDROCK_VERSION) {
    const shorter = ids.at(-1)!.replace(version, "");
    if (shorter !== ids.at(-1)) ids.push(shorter);
  }
  return ids;
}

/** A Bedrock id's row: the id or a version-less form of it, then the same without a geography prefix (the bare id). */
function bedrockEntry(model: string, table: PricingTable): PricingEntry | undefined {
  const ids = versionsOf(model);
  for (const id of ids) {
    const entry = entryOf(table, id);
    if (entry !== undefined) return entry;
  }
  for (const id of ids) {
    const bare = withoutGeography(id);
    const entry = bare === undefined ? undefined : entryOf(table, bare);
    if (entry !== undefined) return entry;
  }
  return undefined;
}

/** An OpenAI id's row: the id, a fine-tuned model's `ft:<base>` row, a dated snapshot's family. */
function openAIEntry(model: string, table: PricingTable): PricingEntry | undefined {
  const exact = entryOf(table, model);
  if (exact !== undefined) return exact;
  const base = FINE_TUNED.exec(model)?.[1];
  if (base !== undefined) return openAIEntry(`ft:${base}`, table);
  const family = DATED_SNAPSHOT.exec(model)?.[1];
  return family === undefined ? undefined : entryOf(table, family);
}

/** The row a model id resolves to, with its id; see {@link findPricing} for the rules. */
export function findPricingEntry(model: string, table: PricingTable = PRICING): PricingEntry | undefined {
  const arnId = idInsideArn(model);
  if (arnId !== undefined) return entryOf(table, model) ?? findPricingEntry(arnId, table);
  return pricedAsBedrock(model) ? bedrockEntry(model, table) : openAIEntry(model, table);
}

/**
 * Finds the price of a model id in a table, USD per 1M tokens.
 *
 * Tried in order: the exact id; the id inside a Bedrock inference-profile or foundation-model
 * ARN (resolved again by these rules); for a Bedrock id, the id without its version
 * (`…-v1:0` → `…-v1` → `…`), then a geography profile (`us.`, `eu.`, `apac.`, `jp.`, `au.`,
 * `ca.`, `us-gov.`, `global.`) without its own row priced as the bare id — for Claude 4.5 and
 * newer the `global.` row is the global price and the bare row the regional (+10%) one; for an
 * OpenAI id, a fine-tuned model (`ft:<base>:<org>::<id>`) priced at the base model's fine-tuned
 * row `ft:<base>` (or its family's, for a dated base), and a dated snapshot (`-YYYY-MM-DD`)
 * without its own row priced as its family. A table merged from user rows over the built-in one
 * resolves the same way, its rows winning. Provider prefixes such as `openai:` are the caller's
 * to strip.
 *
 * @param model - the model id, as requested or as the provider answered it.
 * @param table - the prices to look in; the built-in {@link PRICING} by default.
 * @returns the row, or `undefined` when the model is unknown (never a silent $0).
 */
export function findPricing(model: string, table: PricingTable = PRICING): ModelPricing | undefined {
  return findPricingEntry(model, table)?.row;
}
