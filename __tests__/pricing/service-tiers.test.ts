import { InputError } from "../../src/errors";
import { appliedRates, costOf, dollarCost, isStandardTier, mergePricing, priceTokens, type ModelPricing } from "../../src/pricing";
import { builtInPricing } from "../helpers/pricing-rows";

const MILLION_EACH = { input: 1_000_000, output: 1_000_000, cacheRead: 0, cacheWrite: 0 };

describe("service tiers", () => {
  it("prices gpt-5 flex at half and priority at double the standard rates", () => {
    expect(costOf("gpt-5", MILLION_EACH)).toBeCloseTo(11.25, 12);
    expect(costOf("gpt-5", MILLION_EACH, undefined, { serviceTier: "flex" })).toBeCloseTo(5.625, 12);
    expect(costOf("gpt-5", MILLION_EACH, undefined, { serviceTier: "priority" })).toBeCloseTo(22.5, 12);
  });

  it("prices cache reads at the tier's cache rate", () => {
    // 1M input of which 800k cached, at flex: 200k × 0.625 + 800k × 0.0625
    expect(costOf("gpt-5", { input: 1_000_000, output: 0, cacheRead: 800_000, cacheWrite: 0 }, undefined, { serviceTier: "flex" })).toBeCloseTo(0.175, 12);
  });

  it.each(["default", "auto", "standard", undefined])("prices the %s tier at the standard rates, unflagged", (tier) => {
    const priced = priceTokens(builtInPricing("gpt-5"), { tokensPrompt: 1_000_000, tokensCompletion: 1_000_000 }, { serviceTier: tier });
    expect(priced).toMatchObject({ usd: 11.25, longContext: false });
    expect(priced.serviceTier).toBeUndefined();
    expect(priced.unpricedTier).toBeUndefined();
    expect(isStandardTier(tier)).toBe(true);
  });

  it("prices a tier the row has no rate for at the standard rates and says so", () => {
    const priced = priceTokens(builtInPricing("gpt-5.1"), { tokensPrompt: 1_000_000, tokensCompletion: 1_000_000 }, { serviceTier: "flex" });
    expect(priced).toMatchObject({ usd: 11.25, unpricedTier: "flex" });
    expect(priced.serviceTier).toBeUndefined();
    expect(isStandardTier("flex")).toBe(false);
  });

  it.each(["constructor", "toString", "__proto__"])("never takes an inherited property (%s) for a tier's rates", (tier) => {
    expect(appliedRates(builtInPricing("gpt-5"), 10, tier)).toMatchObject({ unpricedTier: tier, rates: builtInPricing("gpt-5") });
  });

  it("prices a long request at the long-context rates, and flags a tier without long-context rates of its own", () => {
    const row = builtInPricing("gpt-5.4");
    // From 272k input tokens (> 271,999) the whole request: 272k × $5 + 10k × $22.50
    expect(dollarCost(row, { tokensPrompt: 272_000, tokensCompletion: 10_000 })).toBeCloseTo(1.585, 12);
    expect(dollarCost(row, { tokensPrompt: 271_999, tokensCompletion: 10_000 })).toBeCloseTo(0.8299975, 12);
    const flexLong = priceTokens(row, { tokensPrompt: 272_000, tokensCompletion: 10_000 }, { serviceTier: "flex" });
    expect(flexLong).toMatchObject({ usd: 1.585, unpricedTier: "flex", longContext: true });
    expect(priceTokens(row, { tokensPrompt: 100_000 }, { serviceTier: "flex" })).toMatchObject({ usd: 0.125, serviceTier: "flex", longContext: false });
  });

  it("uses a tier's own long-context rates from a user row", () => {
    const table = mergePricing({
      "my-model": {
        input: 1, output: 2, longContext: { aboveInputTokens: 100, input: 2, output: 4 },
        serviceTiers: { priority: { input: 3, output: 6, longContext: { aboveInputTokens: 100, input: 6, output: 12 } } },
      },
    });
    expect(costOf("my-model", { input: 101, output: 0, cacheRead: 0, cacheWrite: 0 }, table, { serviceTier: "priority" })).toBeCloseTo(0.000606, 15);
    expect(costOf("my-model", { input: 100, output: 0, cacheRead: 0, cacheWrite: 0 }, table, { serviceTier: "priority" })).toBeCloseTo(0.0003, 15);
  });
});

describe("1-hour cache writes", () => {
  const row: ModelPricing = { input: 1, output: 0, cacheWrite: 1.25, cacheWrite1h: 2 };

  it("prices 1-hour writes at cacheWrite1h and the rest of the writes at cacheWrite", () => {
    // 1M written: 400k for an hour at $2, 600k for 5 minutes at $1.25
    expect(dollarCost(row, { tokensPrompt: 1_000_000, cacheWrite: 1_000_000, cacheWrite1h: 400_000 })).toBeCloseTo(1.55, 12);
  });

  it("prices 1-hour writes at cacheWrite, then input, where the row has no 1-hour rate", () => {
    expect(dollarCost({ input: 1, output: 0, cacheWrite: 1.25 }, { tokensPrompt: 1_000_000, cacheWrite: 1_000_000, cacheWrite1h: 1_000_000 })).toBeCloseTo(1.25, 12);
    expect(dollarCost({ input: 1, output: 0 }, { tokensPrompt: 1_000_000, cacheWrite: 1_000_000, cacheWrite1h: 1_000_000 })).toBeCloseTo(1, 12);
  });

  it("prices a 1-hour write on Claude Sonnet 4.5 at twice its input rate", () => {
    const usage = { input: 100_000, output: 0, cacheRead: 0, cacheWrite: 100_000, cacheWrite1h: 100_000 };
    expect(costOf("global.anthropic.claude-sonnet-4-5-20250929-v1:0", usage)).toBeCloseTo(0.6, 12);
    expect(costOf("us.anthropic.claude-sonnet-4-5-20250929-v1:0", usage)).toBeCloseTo(0.66, 12);
    expect(costOf("global.anthropic.claude-sonnet-4-5-20250929-v1:0", { ...usage, cacheWrite1h: 0 })).toBeCloseTo(0.375, 12);
  });

  it("prices 1-hour writes of a long request at the long-context 1-hour rate", () => {
    const usage = { input: 300_000, output: 0, cacheRead: 0, cacheWrite: 300_000, cacheWrite1h: 300_000 };
    expect(costOf("global.anthropic.claude-sonnet-4-5-20250929-v1:0", usage)).toBeCloseTo(3.6, 12);
  });

  it.each([
    [{ tokensPrompt: 10, cacheWrite: 5, cacheWrite1h: 6 }, "cacheWrite1h (6) exceeds cacheWrite (5): 1-hour writes are part of the cache writes."],
    [{ tokensPrompt: 10, cacheWrite: 5, cacheWrite1h: -1 }, "cacheWrite1h must be a finite number of tokens, 0 or more; got -1."],
  ])("refuses %j", (tokens, message) => {
    expect(() => dollarCost(row, tokens)).toThrow(new InputError(message));
  });
});
