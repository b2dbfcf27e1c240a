import { InputError } from "../../src/errors";
import { PRICING, mergePricing, type PricingTable } from "../../src/pricing";

describe("mergePricing", () => {
  it("gives a copy of the built-in table when there is nothing to merge", () => {
    const table = mergePricing();
    expect(table).toEqual(PRICING);
    expect(table).not.toBe(PRICING);
  });

  it("adds and overrides rows, user rows winning, without changing either table", () => {
    const overrides: PricingTable = { "gpt-4o": { input: 1, output: 2 }, "my-model": { input: 0, output: 0.5 } };
    const table = mergePricing(overrides);
    expect(table["gpt-4o"]).toEqual({ input: 1, output: 2 });
    expect(table["my-model"]).toEqual({ input: 0, output: 0.5 });
    expect(table["gpt-4o-mini"]).toBe(PRICING["gpt-4o-mini"]);
    expect(PRICING["gpt-4o"]).toMatchObject({ input: 2.5, output: 10 });
    expect(PRICING["my-model"]).toBeUndefined();
    expect(Object.keys(overrides)).toEqual(["gpt-4o", "my-model"]);
  });

  it("merges over another base table", () => {
    expect(mergePricing({ b: { input: 2, output: 2 } }, { a: { input: 1, output: 1 } })).toEqual({
      a: { input: 1, output: 1 },
      b: { input: 2, output: 2 },
    });
  });

  it.each([
    ["a negative input", { m: { input: -1, output: 1 } }, 'pricing["m"].input must be a finite price, 0 or more (USD per 1M tokens); got -1.'],
    ["a missing input", { m: { output: 1 } }, 'pricing["m"].input must be a finite price, 0 or more (USD per 1M tokens); got undefined.'],
    ["a missing output", { m: { input: 1 } }, 'pricing["m"].output must be a finite price, 0 or more (USD per 1M tokens); got undefined.'],
    ["a NaN cacheRead", { m: { input: 1, output: 1, cacheRead: Number.NaN } }, 'pricing["m"].cacheRead must be a finite price, 0 or more (USD per 1M tokens); got NaN.'],
    ["a string cacheWrite", { m: { input: 1, output: 1, cacheWrite: "2" } }, 'pricing["m"].cacheWrite must be a finite price, 0 or more (USD per 1M tokens); got 2.'],
    ["a row that is not an object", { m: null }, 'pricing["m"] must be an object such as { input: 1, output: 2 } (USD per 1M tokens).'],
    [
      "a long-context tier without a threshold",
      { m: { input: 1, output: 1, longContext: { input: 2, output: 2 } } },
      'pricing["m"].longContext.aboveInputTokens must be a number of input tokens, 0 or more; got undefined.',
    ],
    [
      "a long-context tier that is not an object",
      { m: { input: 1, output: 1, longContext: 5 } },
      'pricing["m"].longContext must be an object such as { input: 1, output: 2 } (USD per 1M tokens).',
    ],
    [
      "a long-context tier with a bad rate",
      { m: { input: 1, output: 1, longContext: { aboveInputTokens: 5, input: Infinity, output: 2 } } },
      'pricing["m"].longContext.input must be a finite price, 0 or more (USD per 1M tokens); got Infinity.',
    ],
    ["a negative 1-hour write rate", { m: { input: 1, output: 1, cacheWrite1h: -2 } }, 'pricing["m"].cacheWrite1h must be a finite price, 0 or more (USD per 1M tokens); got -2.'],
    [
      "service tiers that are not an object",
      { m: { input: 1, output: 1, serviceTiers: "flex" } },
      'pricing["m"].serviceTiers must be an object of rates by tier, e.g. { flex: { input: 0.5, output: 4 } }.',
    ],
    [
      "a service tier without an output rate",
      { m: { input: 1, output: 1, serviceTiers: { flex: { input: 0.5 } } } },
      'pricing["m"].serviceTiers.flex.output must be a finite price, 0 or more (USD per 1M tokens); got undefined.',
    ],
    [
      "a service tier's long-context rates without a threshold",
      { m: { input: 1, output: 1, serviceTiers: { priority: { input: 2, output: 2, longContext: { input: 4, output: 4 } } } } },
      'pricing["m"].serviceTiers.priority.longContext.aboveInputTokens must be a number of input tokens, 0 or more; got undefined.',
    ],
  ])("refuses %s with InputError", (_what, overrides, message) => {
    expect(() => mergePricing(overrides as unknown as PricingTable)).toThrow(new InputError(message));
  });

  it.each([
    ["null", null],
    ["a number", 5],
    ["a string", "gpt-4o"],
  ])("refuses %s for the whole pricing option with InputError", (_what, overrides) => {
    const refusal = new InputError('pricing must be an object of rows by model id, e.g. { "my-model": { input: 1, output: 2 } }.');
    expect(() => mergePricing(overrides as unknown as PricingTable)).toThrow(refusal);
    expect(() => mergePricing(overrides as unknown as PricingTable)).toThrow(InputError);
  });
});
