/**
 * The second price source: genai-prices behind the custom and built-in rows, loaded on the first
 * miss only. Its module is wrapped (unchanged) to count the loads.
 */
let loads = 0;
jest.mock("@pydantic/genai-prices", () => {
  loads += 1;
  return jest.requireActual("@pydantic/genai-prices");
});

import { PriceList, usageCost } from "../../src/pricing";
import { rowOfGenaiPrice } from "../../src/pricing/genai-prices-source";

const usage = { input: 100_000, output: 100_000, cacheRead: 0, cacheWrite: 0 };

describe("genai-prices, the second price source", () => {
  it("is not loaded by importing the package, nor by pricing a built-in model", async () => {
    await import("../../src/index");
    const prices = PriceList.builtIn();
    expect(prices.find("gpt-5-2025-08-07")).toMatchObject({ source: "built-in", model: "gpt-5" });
    expect(prices.find("us.anthropic.claude-sonnet-4-5-20250929-v1:0")).toMatchObject({ source: "built-in" });
    expect(prices.find("unknown-answer", "gpt-4o")).toMatchObject({ source: "built-in", model: "gpt-4o" });
    expect(loads).toBe(0);
  });

  it("prices a model no table knows, once loaded, as source genai-prices with its own id", () => {
    const found = PriceList.builtIn().find("gpt-6-sol");
    expect(loads).toBe(1);
    expect(found).toMatchObject({ source: "genai-prices", model: "gpt-6-sol", row: { input: 2, cacheRead: 0.2, cacheWrite: 2.5, output: 10 } });
    expect(found!.row.longContext).toEqual({ aboveInputTokens: 272_000, input: 4, cacheRead: 0.4, cacheWrite: 5, output: 15 });
    // 100k × $2 + 100k × $10; over 272k input the whole request at $4 / $15
    expect(usageCost(found!.row, usage).usd).toBeCloseTo(1.2, 12);
    expect(usageCost(found!.row, { ...usage, input: 300_000 }).usd).toBeCloseTo(2.7, 12);
  });

  it("looks Bedrock ids up under genai-prices' AWS provider (global and regional apart)", () => {
    const prices = PriceList.builtIn();
    expect(prices.find("us.anthropic.claude-fable-5-v1:0")).toMatchObject({ source: "genai-prices", model: "regional.anthropic.claude-fable-5-v1:0", row: { input: 11, output: 55 } });
    expect(prices.find("global.anthropic.claude-fable-5-v1:0")).toMatchObject({ model: "global.anthropic.claude-fable-5-v1:0", row: { input: 10, output: 50 } });
    expect(prices.find("qwen.qwen3-32b-v1:0")).toMatchObject({ source: "genai-prices", row: { input: 0.15, output: 0.6 } });
  });

  it("falls back to the requested id, and loads the library only once", () => {
    expect(PriceList.builtIn().find("made-up-answer", "gpt-6-luna")).toMatchObject({ source: "genai-prices", model: "gpt-6-luna" });
    expect(loads).toBe(1);
  });

  it("gives undefined for a model unknown to every source", () => {
    expect(PriceList.builtIn().find("gpt-99")).toBeUndefined();
    expect(PriceList.builtIn().find("anthropic.claude-unknown-v9:0", "also-unknown")).toBeUndefined();
  });

  it("ranks explicit rows over built-in rows over genai-prices", () => {
    const prices = PriceList.builtIn().withCustom({ "gpt-6-sol": { input: 1, output: 1 }, "gpt-5": { input: 3, output: 3 } });
    expect(prices.find("gpt-6-sol")).toMatchObject({ source: "custom", row: { input: 1 } });
    expect(prices.find("gpt-5")).toMatchObject({ source: "custom", row: { input: 3 } });
    expect(prices.find("gpt-4.1")).toMatchObject({ source: "built-in" });
    expect(prices.find("gpt-6-astra")).toMatchObject({ source: "genai-prices" });
    expect(prices.table()["gpt-6-astra"]).toBeUndefined();
  });
});

describe("genai-prices' prices as rows", () => {
  it("keeps flat prices, and an embedding price without output as output 0", () => {
    expect(rowOfGenaiPrice({ input_mtok: 0.1 })).toEqual({ input: 0.1, output: 0, source: "https://github.com/pydantic/genai-prices" });
    expect(rowOfGenaiPrice({ input_mtok: 4, cache_write_mtok: 5, cache_write_1h_mtok: 8, output_mtok: 20 })).toMatchObject({ input: 4, cacheWrite: 5, cacheWrite1h: 8, output: 20 });
  });

  it("turns one shared tier into the long-context rates, flat prices kept in the tier", () => {
    const tiered = { base: 2, tiers: [{ start: 1000, price: 4 }] };
    expect(rowOfGenaiPrice({ input_mtok: tiered as never, output_mtok: 8 })).toMatchObject({ input: 2, output: 8, longContext: { aboveInputTokens: 1000, input: 4, output: 8 } });
  });

  it("gives no row for prices it cannot hold: no text input price, several tiers, tiers that start apart", () => {
    expect(rowOfGenaiPrice({ audio_hours: 0.36 })).toBeUndefined();
    expect(rowOfGenaiPrice({ input_mtok: { base: 1, tiers: [{ start: 10, price: 2 }, { start: 20, price: 3 }] } as never })).toBeUndefined();
    expect(
      rowOfGenaiPrice({ input_mtok: { base: 1, tiers: [{ start: 10, price: 2 }] } as never, output_mtok: { base: 1, tiers: [{ start: 20, price: 2 }] } as never }),
    ).toBeUndefined();
  });
});
