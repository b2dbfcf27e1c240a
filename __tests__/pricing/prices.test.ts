import { PRICING, costOf, dollarCost, type PricingRates } from "../../src/pricing";
import { builtInPricing } from "../helpers/pricing-rows";

const NO_CACHE = { cacheRead: 0, cacheWrite: 0 };

/**
 * One row of every family, priced for 100k input tokens (no cache) and 10k output tokens:
 * dollars worked out by hand from the vendors' rates (input / 10 + output / 100).
 */
const INPUT_100K_OUTPUT_10K: Record<string, number> = {
  "gpt-5": 0.225,
  "gpt-5-mini": 0.045,
  "gpt-5-nano": 0.009,
  "gpt-5.1": 0.225,
  "gpt-5.2": 0.315,
  "gpt-5.4": 0.4,
  "gpt-5.5": 0.8,
  "gpt-5.6-luna": 0.032,
  "gpt-5.6-sol": 0.6,
  "gpt-4.1": 0.28,
  "gpt-4.1-nano": 0.014,
  o1: 2.1,
  o3: 0.28,
  "o3-mini": 0.154,
  "o4-mini": 0.154,
  "gpt-4o": 0.35,
  "gpt-4o-2024-05-13": 0.65,
  "gpt-4o-mini": 0.021,
  "gpt-4-turbo": 1.3,
  "gpt-3.5-turbo": 0.065,
  "text-embedding-3-large": 0.013,
  "text-embedding-ada-002": 0.01,
  "ft:gpt-4o-mini-2024-07-18": 0.042,
  "ft:gpt-4.1-2025-04-14": 0.42,
  "anthropic.claude-3-haiku-20240307-v1:0": 0.0375,
  "anthropic.claude-3-7-sonnet-20250219-v1:0": 0.45,
  "anthropic.claude-opus-4-1-20250805-v1:0": 2.25,
  "global.anthropic.claude-sonnet-4-5-20250929-v1:0": 0.45,
  "anthropic.claude-sonnet-4-5-20250929-v1:0": 0.495,
  "anthropic.claude-haiku-4-5-20251001-v1:0": 0.165,
  "global.anthropic.claude-opus-4-5-20251101-v1:0": 0.75,
  "anthropic.claude-opus-4-6-v1": 0.825,
  "global.anthropic.claude-sonnet-5": 0.3,
  "global.anthropic.claude-opus-5-5": 0.6,
  "amazon.nova-pro-v1:0": 0.112,
  "amazon.nova-micro-v1:0": 0.0049,
  "meta.llama3-3-70b-instruct-v1:0": 0.0792,
  "meta.llama4-maverick-17b-instruct-v1:0": 0.0337,
  "mistral.mistral-large-2402-v1:0": 0.52,
  "deepseek.r1-v1:0": 0.189,
  "amazon.titan-embed-text-v2:0": 0.002,
  "cohere.embed-english-v3": 0.01,
};

/** The ids the catalog promises, by family (at least these resolve to a built-in row). */
const PROMISED = [
  "gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-5.1", "gpt-5.2", "gpt-5.4", "gpt-5.5", "gpt-5.6",
  "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o1", "o3", "o3-mini", "o4-mini",
  "gpt-4o", "gpt-4o-2024-08-06", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", "gpt-4-turbo", "gpt-3.5-turbo",
  "text-embedding-3-small", "text-embedding-3-large", "text-embedding-ada-002",
  "ft:gpt-4o-mini-2024-07-18:acme::9abc", "ft:gpt-4.1-2025-04-14:acme:support:7xyz",
  "anthropic.claude-3-haiku-20240307-v1:0", "us.anthropic.claude-opus-4-5-20251101-v1:0", "global.anthropic.claude-opus-5-5",
  "us.anthropic.claude-sonnet-4-6", "global.anthropic.claude-haiku-4-5-20251001-v1:0",
  "amazon.nova-micro-v1:0", "amazon.nova-lite-v1:0", "amazon.nova-pro-v1:0", "amazon.nova-premier-v1:0", "us.amazon.nova-2-lite-v1:0",
  "meta.llama3-1-8b-instruct-v1:0", "us.meta.llama3-2-90b-instruct-v1:0", "meta.llama4-scout-17b-instruct-v1:0",
  "mistral.mixtral-8x7b-instruct-v0:1", "us.mistral.pixtral-large-2502-v1:0", "us.deepseek.r1-v1:0",
  "amazon.titan-embed-text-v2:0", "cohere.embed-multilingual-v3", "cohere.embed-v4:0",
];

function everyRate(rates: PricingRates): number[] {
  return [rates.input, rates.output, rates.cacheRead, rates.cacheWrite, rates.cacheWrite1h].filter((rate): rate is number => rate !== undefined);
}

describe("built-in price table", () => {
  it.each(Object.entries(INPUT_100K_OUTPUT_10K))("prices %s at $%d for 100k in / 10k out", (model, usd) => {
    expect(costOf(model, { input: 100_000, output: 10_000, ...NO_CACHE })).toBeCloseTo(usd, 12);
  });

  it.each(PROMISED)("has a row for %s", (model) => {
    // A million tokens in and out are priced, never a silent $0.
    expect(costOf(model, { input: 1_000_000, output: 1_000_000, ...NO_CACHE })).toBeGreaterThan(0);
  });

  it("prices cache reads and 5-minute and 1-hour writes of Sonnet 4.5 at their own rates (global and regional)", () => {
    // 100k input: 20k uncached, 50k read, 30k written of which 10k for an hour.
    const usage = { input: 100_000, output: 0, cacheRead: 50_000, cacheWrite: 30_000, cacheWrite1h: 10_000 };
    // global: 20k × 3 + 50k × 0.30 + 20k × 3.75 + 10k × 6 = 0.06 + 0.015 + 0.075 + 0.06
    expect(costOf("global.anthropic.claude-sonnet-4-5-20250929-v1:0", usage)).toBeCloseTo(0.21, 12);
    // regional: 20k × 3.3 + 50k × 0.33 + 20k × 4.125 + 10k × 6.6
    expect(costOf("anthropic.claude-sonnet-4-5-20250929-v1:0", usage)).toBeCloseTo(0.231, 12);
  });

  it("prices cached input of gpt-5 and Nova at their cache rates", () => {
    // 100k input of which 80k cached: 20k × 1.25 + 80k × 0.125
    expect(costOf("gpt-5", { input: 100_000, output: 0, cacheRead: 80_000, cacheWrite: 0 })).toBeCloseTo(0.035, 12);
    // 20k × 0.80 + 80k × 0.20
    expect(costOf("amazon.nova-pro-v1:0", { input: 100_000, output: 0, cacheRead: 80_000, cacheWrite: 0 })).toBeCloseTo(0.032, 12);
  });

  it("prices an embedding call without completion tokens", () => {
    expect(dollarCost(builtInPricing("text-embedding-3-small"), { tokensPrompt: 8_191 })).toBeCloseTo(0.00016382, 15);
  });

  it.each(Object.entries(PRICING))("gives %s a source URL and the checked date", (_model, row) => {
    expect(row.source).toMatch(/^https:\/\/(platform\.openai\.com\/docs\/pricing|aws\.amazon\.com\/bedrock\/pricing\/)$/);
    expect(row.checked).toBe("2026-12-01");
  });

  it("holds only finite, non-negative prices, in its tiers and long-context rates too", () => {
    for (const row of Object.values(PRICING)) {
      const rates = [row, row.longContext, ...Object.values(row.serviceTiers ?? {})].flatMap((r) => (r === undefined ? [] : everyRate(r)));
      for (const rate of rates) expect(Number.isFinite(rate) && rate >= 0).toBe(true);
    }
  });

  it("bills every long-context tier at least the standard rates", () => {
    for (const [model, row] of Object.entries(PRICING)) {
      if (row.longContext === undefined) continue;
      expect([model, row.longContext.input >= row.input, row.longContext.output >= row.output]).toEqual([model, true, true]);
    }
  });

  it("prices every flex tier at exactly half the standard rates", () => {
    for (const [model, row] of Object.entries(PRICING)) {
      const flex = row.serviceTiers?.flex;
      if (flex === undefined) continue;
      expect([model, flex.input, flex.output, flex.cacheRead]).toEqual([model, row.input / 2, row.output / 2, row.cacheRead === undefined ? undefined : row.cacheRead / 2]);
    }
  });

  it("prices gpt-5's priority tier at exactly double, cache reads likewise", () => {
    expect(builtInPricing("gpt-5").serviceTiers?.priority).toEqual({ input: 2.5, cacheRead: 0.25, output: 20 });
  });

  it("bills Claude's 1-hour cache writes at twice the input rate, 5-minute writes at 1.25×", () => {
    const claude = Object.entries(PRICING).filter(([model, row]) => model.includes("anthropic.") && row.cacheWrite1h !== undefined);
    expect(claude.length).toBeGreaterThanOrEqual(20);
    for (const [model, row] of claude) {
      expect([model, row.cacheWrite1h]).toEqual([model, row.input * 2]);
      expect(row.cacheWrite! / row.input).toBeCloseTo(1.25, 12);
    }
  });

  it("charges 10% more on every regional row than on its global row", () => {
    const pairs = Object.keys(PRICING).filter((model) => model.startsWith("global.") && PRICING[model.slice("global.".length)] !== undefined);
    expect(pairs.length).toBeGreaterThanOrEqual(11);
    for (const globalId of pairs) {
      const global = builtInPricing(globalId);
      const regional = builtInPricing(globalId.slice("global.".length));
      expect(regional.input).toBeCloseTo(global.input * 1.1, 12);
      expect(regional.output).toBeCloseTo(global.output * 1.1, 12);
      expect(regional.cacheRead).toBeCloseTo(global.cacheRead! * 1.1, 12);
    }
  });
});
