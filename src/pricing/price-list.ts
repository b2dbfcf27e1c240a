import { findPricingEntry } from "./find-pricing";
import { genaiPricesRow } from "./genai-prices-source";
import { checkPricingRows } from "./merge-pricing";
import type { ModelPricing, PricingTable } from "./model-pricing";
import { PRICING } from "./prices";

/**
 * Where a price came from: rows given with a `pricing` option, the built-in table, or the second
 * price source (`@pydantic/genai-prices`) for a model the first two lack.
 */
export type PriceSourceName = "custom" | "built-in" | "genai-prices";

/** The price a call is billed at, and where it was found. */
export interface FoundPrice {
  row: ModelPricing;
  /** The id the row is listed under. */
  model: string;
  source: PriceSourceName;
}

interface PriceLayer {
  table: PricingTable;
  source: "custom" | "built-in";
}

/**
 * Prices in order of precedence: rows given explicitly (a provider's over its tracker's), then
 * the built-in table, then genai-prices. A call is priced by the first layer that knows the model
 * that answered or, failing that, the one requested: a row given for "gpt-4o" prices an answer
 * from "gpt-4o-2024-08-06" although the built-in table lists that snapshot. genai-prices is
 * consulted (and loaded) only when no table knows either id.
 */
export class PriceList {
  private constructor(private readonly layers: readonly PriceLayer[]) {}

  /** The built-in prices, with genai-prices behind them. */
  static builtIn(): PriceList {
    return new PriceList([{ table: PRICING, source: "built-in" }]);
  }

  /**
   * These rows over this list's.
   * @throws InputError when a row has a missing, negative or non-finite price.
   */
  withCustom(rows: PricingTable | undefined): PriceList {
    if (rows === undefined) return this;
    checkPricingRows(rows);
    return new PriceList([{ table: { ...rows }, source: "custom" }, ...this.layers]);
  }

  /** The price of a call that asked for `requested` and was answered by `answered`, or undefined when no source knows either. */
  find(answered: string, requested: string = answered): FoundPrice | undefined {
    const other = requested === answered ? undefined : requested;
    for (const { table, source } of this.layers) {
      const entry = findPricingEntry(answered, table) ?? (other === undefined ? undefined : findPricingEntry(other, table));
      if (entry !== undefined) return { row: entry.row, model: entry.id, source };
    }
    const second = genaiPricesRow(answered) ?? (other === undefined ? undefined : genaiPricesRow(other));
    return second === undefined ? undefined : { row: second.row, model: second.id, source: "genai-prices" };
  }

  /** Every table row as one table, earlier layers winning (what a provider's or tracker's `pricing` shows; genai-prices' rows are not listed). */
  table(): PricingTable {
    const merged: PricingTable = {};
    for (const { table } of [...this.layers].reverse()) Object.assign(merged, table);
    return merged;
  }
}
