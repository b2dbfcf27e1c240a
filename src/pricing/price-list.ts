import { findPricingEntry, type PricingEntry } from "./find-pricing";
import { genaiPricesRow } from "./genai-prices-source";
import { checkPricingRows } from "./merge-pricing";
import type { ModelPricing, PricingTable } from "./model-pricing";
import { PRICING } from "./prices";
import { scaledPricing } from "./scaled-pricing";

/**
 * Where a price came from: rows given with a `pricing` option, the built-in table, or the second
 * price source (`@pydantic/genai-prices`) for a model the first two lack.
 */
export type PriceSourceName = "custom" | "built-in" | "genai-prices";

/** A premium over list prices that every row but a custom one is multiplied by (an Azure deployment type's). */
export interface PricePremium {
  /** What the premium is for ("data-zone", "regional"). */
  name: string;
  /** What each rate is multiplied by (1.1: 10% more). */
  factor: number;
}

/** The price a call is billed at, and where it was found. */
export interface FoundPrice {
  row: ModelPricing;
  /** The id the row is listed under. */
  model: string;
  source: PriceSourceName;
  /** The premium the row's rates include, when the list has one and the row is not custom. */
  premium?: PricePremium;
}

/** How many lookups a list remembers before it starts again (a process calls a handful of models). */
const MAX_REMEMBERED_LOOKUPS = 1_000;

interface PriceLayer {
  table: PricingTable;
  source: "custom" | "built-in";
}

/** How a list looks up ids besides its layers: ids that stand for others, and a premium. */
interface LookupRules {
  /** Id → the model id it stands for (an Azure deployment → its model). */
  aliases: Readonly<Record<string, string>>;
  premium?: PricePremium;
}

/**
 * Prices in order of precedence: rows given explicitly (a provider's over its tracker's), then
 * the built-in table, then genai-prices. A call is priced by the first layer that knows the model
 * that answered or, failing that, the one requested (or the model that id stands for, an Azure
 * deployment's): a row given for "gpt-4o" prices an answer from "gpt-4o-2024-08-06" although the
 * built-in table lists that snapshot. genai-prices is consulted (and loaded) only when no table
 * knows any of them.
 */
export class PriceList {
  /** Prices found, by lookup (see {@link find}): a call's lookup is one map read after its model's first call. */
  private readonly found = new Map<string, FoundPrice>();

  private constructor(
    private readonly layers: readonly PriceLayer[],
    private readonly rules: LookupRules = { aliases: {} },
  ) {}

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
    return new PriceList([{ table: { ...rows }, source: "custom" }, ...this.layers], this.rules);
  }

  /**
   * This list, with requested ids that stand for model ids (Azure deployment → model): a requested
   * id found among them is priced as its model when no layer knows the answered id or the id itself.
   */
  withAliases(aliases: Readonly<Record<string, string>>): PriceList {
    return new PriceList(this.layers, { ...this.rules, aliases: { ...this.rules.aliases, ...aliases } });
  }

  /** This list, every row but a custom one (taken as the price actually paid) multiplied by a premium. */
  withPremium(premium: PricePremium | undefined): PriceList {
    return premium === undefined || premium.factor === 1 ? this : new PriceList(this.layers, { ...this.rules, premium });
  }

  /**
   * The price of a call that asked for `requested` and was answered by `answered`, or undefined
   * when no source knows either. `genaiProvider`: the vendor's provider id in genai-prices (its
   * descriptor's `prices.genaiPricesProvider`).
   */
  find(answered: string, requested: string = answered, genaiProvider?: string): FoundPrice | undefined {
    const key = `${genaiProvider ?? ""}\u0000${answered}\u0000${requested}`;
    const known = this.found.get(key);
    if (known !== undefined) return known;
    const found = this.lookUp(answered, requested, genaiProvider);
    // Only prices found are kept (a model unknown today may be given a row later), and only so many.
    if (found !== undefined) {
      if (this.found.size >= MAX_REMEMBERED_LOOKUPS) this.found.clear();
      this.found.set(key, found);
    }
    return found;
  }

  private lookUp(answered: string, requested: string, genaiProvider: string | undefined): FoundPrice | undefined {
    const ids = this.idsFor(answered, requested);
    for (const { table, source } of this.layers) {
      const entry = this.firstEntry(ids, (id) => findPricingEntry(id, table));
      if (entry !== undefined) return this.withRules({ row: entry.row, model: entry.id, source });
    }
    const second = this.firstEntry(ids, (id) => genaiPricesRow(id, genaiProvider));
    return second === undefined ? undefined : this.withRules({ row: second.row, model: second.id, source: "genai-prices" });
  }

  /** Every table row as one table, earlier layers winning (what a provider's or tracker's `pricing` shows; genai-prices' rows are not listed). */
  table(): PricingTable {
    const merged: PricingTable = {};
    for (const { table } of [...this.layers].reverse()) Object.assign(merged, table);
    return merged;
  }

  /** The ids a call is looked up by, in order: answered, requested, the model the requested id stands for. */
  private idsFor(answered: string, requested: string): string[] {
    const ids = [answered];
    if (requested !== answered) ids.push(requested);
    const alias = Object.hasOwn(this.rules.aliases, requested) ? this.rules.aliases[requested] : undefined;
    if (alias !== undefined && !ids.includes(alias)) ids.push(alias);
    return ids;
  }

  private firstEntry(ids: readonly string[], look: (id: string) => PricingEntry | undefined): PricingEntry | undefined {
    for (const id of ids) {
      const entry = look(id);
      if (entry !== undefined) return entry;
    }
    return undefined;
  }

  private withRules(found: FoundPrice): FoundPrice {
    const { premium } = this.rules;
    if (premium === undefined || found.source === "custom") return found;
    return { ...found, row: scaledPricing(found.row, premium.factor), premium };
  }
}
