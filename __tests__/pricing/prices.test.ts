import { PRICING, costOf, dollarCost } from "../../src/pricing";

/**
 * Every built-in row, priced for 100k input tokens (no cache) and 10k output tokens: expected
 * dollars worked out by hand from shared/README.md's price table (input / 10 + output / 100).
 */
const INPUT_100K_OUTPUT_10K: Record<string, number> = {
  "gpt-4-turbo": 1.3,
  "gpt-4-turbo-2024-04-09": 1.3,
  "gpt-4o": 0.35,
  "gpt-4o-2024-08-06": 0.35,
  "gpt-4o-2024-11-20": 0.35,
  "gpt-4o-2024-05-13": 0.65,
  "gpt-4o-mini": 0.021,
  "text-embedding-3-large": 0.013,
  "text-embedding-3-small": 0.002,
  "anthropic.claude-3-5-sonnet-20241022-v2:0": 0.45,
  "anthropic.claude-3-haiku-20240307-v1:0": 0.0375,
  "anthropic.claude-3-5-haiku-20241022-v1:0": 0.12,
  "anthropic.claude-sonnet-4-20250514-v1:0": 0.45,
  "global.anthropic.claude-sonnet-4-5-20250929-v1:0": 0.45,
  "anthropic.claude-sonnet-4-5-20250929-v1:0": 0.495,
  "global.anthropic.claude-haiku-4-5-20251001-v1:0": 0.15,
  "anthropic.claude-haiku-4-5-20251001-v1:0": 0.165,
};

/**
 * Rows with cache prices: 100k input tokens of which 60k cache reads and 20k cache writes, no
 * output; 20k uncached at input, 60k at cacheRead, 20k at cacheWrite (at input where the row has none).
 */
const CACHED_100K: Record<string, number> = {
  "gpt-4o": 0.175,
  "gpt-4o-2024-08-06": 0.175,
  "gpt-4o-2024-11-20": 0.175,
  "gpt-4o-mini": 0.0105,
  "anthropic.claude-3-5-sonnet-20241022-v2:0": 0.153,
  "anthropic.claude-3-5-haiku-20241022-v1:0": 0.0408,
  "anthropic.claude-sonnet-4-20250514-v1:0": 0.153,
  "global.anthropic.claude-sonnet-4-5-20250929-v1:0": 0.153,
  "anthropic.claude-sonnet-4-5-20250929-v1:0": 0.1683,
  "global.anthropic.claude-haiku-4-5-20251001-v1:0": 0.051,
  "anthropic.claude-haiku-4-5-20251001-v1:0": 0.0561,
};

describe("built-in price table", () => {
  it("has a priced test case for every row, and no case for a row it lacks", () => {
    expect(Object.keys(INPUT_100K_OUTPUT_10K).sort()).toEqual(Object.keys(PRICING).sort());
  });

  it.each(Object.entries(INPUT_100K_OUTPUT_10K))("prices %s at $%d for 100k in / 10k out", (model, usd) => {
    expect(costOf(model, { input: 100_000, output: 10_000, cacheRead: 0, cacheWrite: 0 })).toBeCloseTo(usd, 12);
  });

  it.each(Object.entries(CACHED_100K))("prices cache reads and writes of %s at $%d", (model, usd) => {
    expect(costOf(model, { input: 100_000, output: 0, cacheRead: 60_000, cacheWrite: 20_000 })).toBeCloseTo(usd, 12);
  });

  it("has the exact rates of the README table on the regional-premium rows", () => {
    expect(PRICING["anthropic.claude-sonnet-4-5-20250929-v1:0"]).toMatchObject({
      input: 3.3, cacheRead: 0.33, cacheWrite: 4.125, output: 16.5,
    });
    expect(PRICING["anthropic.claude-haiku-4-5-20251001-v1:0"]).toMatchObject({
      input: 1.1, cacheRead: 0.11, cacheWrite: 1.375, output: 5.5,
    });
  });

  it("prices an embedding call without completion tokens", () => {
    const row = PRICING["text-embedding-3-small"];
    if (row === undefined) throw new Error("row missing");
    expect(dollarCost(row, { tokensPrompt: 8_191 })).toBeCloseTo(0.00016382, 15);
  });

  it.each(Object.entries(PRICING))("gives %s a source URL and the checked date", (_model, row) => {
    expect(row.source).toMatch(/^https:\/\/(platform\.openai\.com\/docs\/pricing|aws\.amazon\.com\/bedrock\/pricing\/)$/);
    expect(row.checked).toBe("2026-11-25");
  });

  it("holds only finite, non-negative prices", () => {
    for (const row of Object.values(PRICING)) {
      for (const rate of [row.input, row.output, row.cacheRead ?? 0, row.cacheWrite ?? 0]) {
        expect(Number.isFinite(rate) && rate >= 0).toBe(true);
      }
    }
  });
});
