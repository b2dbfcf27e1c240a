import fc from "fast-check";
import { InputError, UnknownModelPricingError } from "../../src/errors";
import { PRICING, costOf, dollarCost, isLongContext, mergePricing, priceTokens } from "../../src/pricing";
import type { TokenUsage } from "../../src/types";
import { builtInPricing } from "../helpers/pricing-rows";

const SONNET_4 = "anthropic.claude-sonnet-4-20250514-v1:0";
const SONNET_45 = "anthropic.claude-sonnet-4-5-20250929-v1:0";

function usage(input: number, output: number, cacheRead = 0, cacheWrite = 0): TokenUsage {
  return { input, output, cacheRead, cacheWrite };
}

describe("dollarCost", () => {
  it("prices OpenAI-style usage: prompt_tokens includes the cached tokens, billed once at the cached rate", () => {
    // usage.prompt_tokens 1200 with prompt_tokens_details.cached_tokens 1024, completion_tokens 300:
    // 176 × $2.50 + 1024 × $1.25 + 300 × $10 per 1M = $0.00472
    const cost = dollarCost(builtInPricing("gpt-4o-2024-08-06"), { tokensPrompt: 1200, cacheRead: 1024, tokensCompletion: 300 });
    expect(cost).toBeCloseTo(0.00472, 15);
  });

  it("prices cached parts at `input` when the row has no cache prices", () => {
    // gpt-4-turbo: all 1000 prompt tokens at $10 per 1M, whatever the cache did
    const cost = dollarCost(builtInPricing("gpt-4-turbo"), { tokensPrompt: 1000, cacheRead: 400, cacheWrite: 100 });
    expect(cost).toBeCloseTo(0.01, 15);
  });

  it("prices a fully cached prompt at the cache-read rate only", () => {
    expect(dollarCost(builtInPricing("gpt-4o"), { tokensPrompt: 1000, cacheRead: 1000 })).toBeCloseTo(0.00125, 15);
  });

  it("costs nothing for no tokens and keeps tiny amounts unrounded", () => {
    expect(dollarCost(builtInPricing("gpt-4o"), { tokensPrompt: 0 })).toBe(0);
    expect(dollarCost(builtInPricing("text-embedding-3-small"), { tokensPrompt: 1 })).toBeCloseTo(2e-8, 20);
  });

  it.each([
    ["tokensPrompt", { tokensPrompt: -1 }, "tokensPrompt must be a finite number of tokens, 0 or more; got -1."],
    ["tokensPrompt", { tokensPrompt: Number.NaN }, "tokensPrompt must be a finite number of tokens, 0 or more; got NaN."],
    ["tokensCompletion", { tokensPrompt: 1, tokensCompletion: Infinity }, "tokensCompletion must be a finite number of tokens, 0 or more; got Infinity."],
    ["cacheRead", { tokensPrompt: 10, cacheRead: -5 }, "cacheRead must be a finite number of tokens, 0 or more; got -5."],
    ["cacheWrite", { tokensPrompt: 10, cacheWrite: Number.NaN }, "cacheWrite must be a finite number of tokens, 0 or more; got NaN."],
  ])("refuses an invalid %s with InputError", (_field, tokens, message) => {
    expect(() => dollarCost(builtInPricing("gpt-4o"), tokens)).toThrow(new InputError(message));
    expect(() => dollarCost(builtInPricing("gpt-4o"), tokens)).toThrow(InputError);
  });

  it("refuses cached parts larger than the prompt (Bedrock's raw inputTokens passed as the prompt)", () => {
    expect(() => dollarCost(builtInPricing(SONNET_4), { tokensPrompt: 100, cacheRead: 2000, cacheWrite: 500 })).toThrow(
      new InputError(
        "cacheRead + cacheWrite (2500) exceed tokensPrompt (100): the prompt count must include its cached parts, " +
          "as TokenUsage.input does.",
      ),
    );
  });
});

describe("priceTokens", () => {
  const row = { input: 2, output: 8, cacheRead: 0.5, serviceTiers: { flex: { input: 1, output: 4 } } };

  it("refuses cache writes that with the reads exceed the prompt, however the two are split", () => {
    expect(() => priceTokens(row, { tokensPrompt: 100, cacheRead: 40, cacheWrite: 61 })).toThrow(
      new InputError("cacheRead + cacheWrite (101) exceed tokensPrompt (100): the prompt count must include its cached parts, as TokenUsage.input does."),
    );
    expect(priceTokens(row, { tokensPrompt: 100, cacheRead: 40, cacheWrite: 60 }).usd).toBeCloseTo((40 * 0.5 + 60 * 2) / 1e6, 18);
  });

  it("gives the cost and the rates that applied, naming a tier only when there is one to name", () => {
    const tokens = { tokensPrompt: 1_000, tokensCompletion: 100 };
    expect(priceTokens(row, tokens)).toStrictEqual({ rates: row, longContext: false, usd: 0.0028 });
    expect(priceTokens(row, tokens, { serviceTier: "flex" })).toStrictEqual({ rates: row.serviceTiers.flex, longContext: false, usd: 0.0014, serviceTier: "flex" });
    expect(priceTokens(row, tokens, { serviceTier: "priority" })).toStrictEqual({ rates: row, longContext: false, usd: 0.0028, unpricedTier: "priority" });
  });
});

describe("costOf", () => {
  it("refuses a null count (a JavaScript caller's) as priceTokens does, and takes an absent part as 0", () => {
    const usage = { input: 100, output: null, cacheRead: 0, cacheWrite: 0 } as unknown as Parameters<typeof costOf>[1];
    expect(() => costOf("gpt-4o", usage)).toThrow(new InputError("tokensCompletion must be a finite number of tokens, 0 or more; got null."));
    expect(costOf("gpt-4o", { input: 100, output: 10 } as Parameters<typeof costOf>[1])).toBeCloseTo((100 * 2.5 + 10 * 10) / 1e6, 15);
  });

  // Bedrock Converse reported inputTokens 100 (cache EXCLUDED), cacheReadInputTokens 2000,
  // cacheWriteInputTokens 500, outputTokens 400; as TokenUsage (LangChain's convention) input is 2600.
  const bedrockUsage = usage(2600, 400, 2000, 500);

  it("prices Bedrock-style usage without counting the cache twice", () => {
    // 100 × $3 + 2000 × $0.30 + 500 × $3.75 + 400 × $15 per 1M = $0.008775
    expect(costOf(SONNET_4, bedrockUsage)).toBeCloseTo(0.008775, 15);
    expect(costOf(`global.${SONNET_45}`, bedrockUsage)).toBeCloseTo(0.008775, 15);
    // regional: 100 × 3.30 + 2000 × 0.33 + 500 × 4.125 + 400 × 16.50 = $0.0096525
    expect(costOf(`us.${SONNET_45}`, bedrockUsage)).toBeCloseTo(0.0096525, 15);
  });

  it("prices OpenAI-style usage through TokenUsage", () => {
    // 2000 uncached × $0.15 + 8000 cached × $0.075 + 2000 output × $0.60 per 1M = $0.0021
    expect(costOf("gpt-4o-mini-2024-07-18", usage(10_000, 2_000, 8_000))).toBeCloseTo(0.0021, 15);
  });

  it("throws UnknownModelPricingError naming the model and how to add a price", () => {
    expect(() => costOf("gpt-99", usage(1, 1))).toThrow(UnknownModelPricingError);
    expect(() => costOf("gpt-99", usage(1, 1))).toThrow(
      'No price is known for model "gpt-99". Add a row for it with the `pricing` option ' +
        '(USD per 1M tokens, e.g. { "gpt-99": { input: 1, output: 2 } }).',
    );
  });

  it("uses the table it is given", () => {
    const table = mergePricing({ "gpt-4o": { input: 100, output: 1000 } });
    expect(costOf("gpt-4o", usage(1000, 1000), table)).toBeCloseTo(1.1, 15);
    expect(costOf("gpt-4o", usage(1000, 1000))).toBeCloseTo(0.0125, 15);
  });
});

describe("long-context tier (Sonnet 4 / 4.5 over 200k input tokens)", () => {
  it("bills the whole request at $6 / $22.50 once input exceeds 200k", () => {
    // 250,000 × $6 + 10,000 × $22.50 per 1M
    expect(costOf(SONNET_4, usage(250_000, 10_000))).toBeCloseTo(1.725, 12);
    expect(costOf(`global.${SONNET_45}`, usage(250_000, 10_000))).toBeCloseTo(1.725, 12);
    expect(costOf(SONNET_4, usage(200_001, 10_000))).toBeCloseTo(1.425006, 12);
  });

  it("keeps the standard rates at exactly 200k input tokens", () => {
    expect(costOf(SONNET_4, usage(200_000, 10_000))).toBeCloseTo(0.75, 12);
    expect(isLongContext(SONNET_4, usage(200_000, 10_000))).toBe(false);
  });

  it("counts cache reads and writes towards the threshold and prices them at the tier's cache rates", () => {
    // 100,000 × $6 + 200,000 × $0.60 + 10,000 × $22.50 per 1M
    expect(costOf(SONNET_4, usage(300_000, 10_000, 200_000))).toBeCloseTo(0.945, 12);
    expect(isLongContext(SONNET_4, usage(300_000, 10_000, 200_000))).toBe(true);
  });

  it("adds the regional 10% to the tier on regional Sonnet 4.5", () => {
    // 250,000 × $6.60 + 10,000 × $24.75 per 1M
    expect(costOf(`eu.${SONNET_45}`, usage(250_000, 10_000))).toBeCloseTo(1.8975, 12);
  });

  it("flags long-context calls through prefixes and ARNs, and nothing else", () => {
    const arn = `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${SONNET_45}`;
    expect(isLongContext(arn, usage(250_000, 1))).toBe(true);
    expect(isLongContext(`us.${SONNET_4}`, usage(200_001, 0))).toBe(true);
    expect(isLongContext("anthropic.claude-3-5-sonnet-20241022-v2:0", usage(250_000, 1))).toBe(false);
    expect(isLongContext("gpt-4o", usage(1_000_000, 1))).toBe(false);
    expect(isLongContext("unknown-model", usage(1_000_000, 1))).toBe(false);
  });

  it("leaves models without a tier at their rates above 200k", () => {
    expect(costOf("anthropic.claude-3-5-sonnet-20241022-v2:0", usage(250_000, 0))).toBeCloseTo(0.75, 12);
  });

  it("reads a tier from a user row", () => {
    const table = mergePricing({
      "my-model": { input: 1, output: 2, longContext: { aboveInputTokens: 10, input: 10, output: 20 } },
    });
    expect(isLongContext("my-model", usage(11, 0), table)).toBe(true);
    expect(costOf("my-model", usage(11, 1), table)).toBeCloseTo(0.00013, 15);
  });
});

describe("cost is additive over usage (property)", () => {
  // Each part stays at or under 100k input tokens so the sum stays outside the long-context
  // tier, which by design is not additive.
  const usageArbitrary = fc
    .record({
      uncached: fc.integer({ min: 0, max: 40_000 }),
      cacheRead: fc.integer({ min: 0, max: 30_000 }),
      cacheWrite: fc.integer({ min: 0, max: 30_000 }),
      output: fc.integer({ min: 0, max: 100_000 }),
    })
    .map(({ uncached, cacheRead, cacheWrite, output }) => usage(uncached + cacheRead + cacheWrite, output, cacheRead, cacheWrite));

  const sum = (a: TokenUsage, b: TokenUsage): TokenUsage =>
    usage(a.input + b.input, a.output + b.output, a.cacheRead + b.cacheRead, a.cacheWrite + b.cacheWrite);

  it("cost(a + b) equals cost(a) + cost(b) to 1e-12 relative, for every built-in model", () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(PRICING)), usageArbitrary, usageArbitrary, (model, a, b) => {
        const whole = costOf(model, sum(a, b));
        const parts = costOf(model, a) + costOf(model, b);
        expect(Math.abs(whole - parts)).toBeLessThanOrEqual(1e-12 * Math.abs(whole));
      }),
      { numRuns: 500 },
    );
  });
});
