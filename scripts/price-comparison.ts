/**
 * The built-in price table beside `@pydantic/genai-prices`' bundled data, row by row: what
 * `npm run prices:check` prints and what the agreement test holds (__tests__/pricing/).
 */
import { genaiPricesRow } from "../src/pricing/genai-prices-source";
import type { ModelPricing, PricingRates, PricingTable } from "../src/pricing";

/**
 * Rows where we knowingly differ from genai-prices, and why we believe our row. Keep it short:
 * the agreement test fails for a row that differs and is not here, and for a row here that agrees.
 */
export const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = {
  // genai-prices matches every amazon.titan-embed-text… id to its v1 row ($0.10); AWS lists V2 at $0.02 (LiteLLM agrees).
  "amazon.titan-embed-text-v2:0": "genai-prices prices V2 as Titan Embeddings v1 ($0.10); AWS lists V2 at $0.02",
  // genai-prices has no cached-input rate for fine-tuned GPT-4o / GPT-4o mini; OpenAI's fine-tuning table lists one (LiteLLM agrees).
  "ft:gpt-4o-2024-08-06": "genai-prices bills fine-tuned cache reads at the input rate; OpenAI lists $1.875 (LiteLLM agrees)",
  "ft:gpt-4o-mini-2024-07-18": "genai-prices bills fine-tuned cache reads at the input rate; OpenAI lists $0.15 (LiteLLM agrees)",
};

/** One compared rate. */
export interface RateComparison {
  field: string;
  ours: number;
  theirs: number;
}

/** One built-in row beside genai-prices'. */
export interface RowComparison {
  model: string;
  /** The id genai-prices prices this model as, when it knows it. */
  genaiModel?: string;
  /** "agree", "differ", or "unknown" (genai-prices does not know the model). */
  status: "agree" | "differ" | "unknown";
  /** The rates that differ. */
  differences: RateComparison[];
  /** Why we keep our row, for a known disagreement. */
  reason?: string;
}

/** The rate a request's part is billed at, with the fallbacks both sources use (cache at input). */
function effective(rates: PricingRates): Record<string, number> {
  return {
    input: rates.input,
    output: rates.output,
    cacheRead: rates.cacheRead ?? rates.input,
    cacheWrite: rates.cacheWrite ?? rates.input,
  };
}

function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * The rates both rows state: standard rates (cache parts at input where a row has no cache price),
 * 1-hour writes where genai-prices has them, long-context rates where both have a tier. Service
 * tiers are not compared: genai-prices has none.
 */
function differences(ours: ModelPricing, theirs: ModelPricing): RateComparison[] {
  const pairs: [string, number, number][] = [];
  const add = (prefix: string, a: PricingRates, b: PricingRates) => {
    const mine = effective(a);
    const other = effective(b);
    for (const field of Object.keys(mine)) pairs.push([`${prefix}${field}`, mine[field]!, other[field]!]);
    if (b.cacheWrite1h !== undefined) pairs.push([`${prefix}cacheWrite1h`, a.cacheWrite1h ?? a.cacheWrite ?? a.input, b.cacheWrite1h]);
  };
  add("", ours, theirs);
  if (ours.longContext !== undefined && theirs.longContext !== undefined) {
    pairs.push(["longContext.aboveInputTokens", ours.longContext.aboveInputTokens, theirs.longContext.aboveInputTokens]);
    add("longContext.", ours.longContext, theirs.longContext);
  }
  return pairs.filter(([, a, b]) => !same(a, b)).map(([field, a, b]) => ({ field, ours: a, theirs: b }));
}

/** Every row of `table` beside the row genai-prices would price the same id with. */
export function compareWithGenaiPrices(table: PricingTable): RowComparison[] {
  return Object.entries(table).map(([model, row]) => {
    const theirs = genaiPricesRow(model);
    if (theirs === undefined) return { model, status: "unknown", differences: [] };
    const found = differences(row, theirs.row);
    const comparison: RowComparison = { model, genaiModel: theirs.id, status: found.length === 0 ? "agree" : "differ", differences: found };
    const reason = KNOWN_DISAGREEMENTS[model];
    if (reason !== undefined) comparison.reason = reason;
    return comparison;
  });
}
