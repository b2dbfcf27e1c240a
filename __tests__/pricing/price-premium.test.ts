import { PRICING, PriceList, usageCost, type ModelPricing } from "../../src/pricing";
import { AZURE_DEPLOYMENT_PREMIUM, AZURE_OPENAI_PRICING } from "../../src/pricing/catalog/azure-deployment-types";
import { scaledPricing } from "../../src/pricing/scaled-pricing";

const DATA_ZONE = { name: "data-zone", factor: AZURE_DEPLOYMENT_PREMIUM["data-zone"] };

/**
 * A row with every kind of rate (standard, cache at both TTLs, long-context, service tiers with and
 * without their own long-context rates), each rate `unit` times a base price; thresholds, source and
 * date the same whatever the unit.
 */
function fullRow(unit: number): ModelPricing {
  return {
    input: 2 * unit,
    output: 8 * unit,
    cacheRead: 0.5 * unit,
    cacheWrite: 2.5 * unit,
    cacheWrite1h: 4 * unit,
    longContext: { aboveInputTokens: 1_000, input: 4 * unit, output: 12 * unit, cacheRead: unit, cacheWrite: 5 * unit, cacheWrite1h: 8 * unit },
    serviceTiers: {
      flex: { input: unit, output: 4 * unit, cacheRead: 0.25 * unit },
      priority: { input: 4 * unit, output: 16 * unit, cacheWrite: 5 * unit, longContext: { aboveInputTokens: 1_000, input: 8 * unit, output: 24 * unit, cacheRead: 2 * unit } },
    },
    source: "https://example.com/prices",
    checked: "2026-12-01",
  };
}

describe("scaledPricing", () => {
  it("multiplies every rate (standard, cache, long-context, each service tier's) and keeps thresholds, source and date", () => {
    expect(scaledPricing(fullRow(1), 2)).toEqual(fullRow(2));
  });

  it("adds no rate a row does not have, and leaves the row it scales as it was", () => {
    const row: ModelPricing = { input: 1, cacheRead: 0.5, output: 3, source: "https://example.com/prices" };
    const scaled = scaledPricing(row, 3);
    expect(scaled).toEqual({ input: 3, cacheRead: 1.5, output: 9, source: "https://example.com/prices" });
    expect(Object.keys(scaled).sort()).toEqual(["cacheRead", "input", "output", "source"]);
    expect(row).toEqual({ input: 1, cacheRead: 0.5, output: 3, source: "https://example.com/prices" });
    const full = fullRow(1);
    scaledPricing(full, 2);
    expect(full).toEqual(fullRow(1));
  });
});

describe("Azure deployment types", () => {
  it("cost 10% more on every token rate in a data zone or a region than globally, by Azure's price list", () => {
    expect(AZURE_DEPLOYMENT_PREMIUM).toEqual({ global: 1, "data-zone": 1.1, regional: 1.1 });
    expect(AZURE_OPENAI_PRICING).toBe("https://azure.microsoft.com/en-us/pricing/details/cognitive-services/openai-service/");
  });
});

describe("PriceList.withPremium", () => {
  it("prices GPT-4o 2024-11-20 in a data zone at $2.75 / $1.375 / $11 per 1M, priority tier included, and says which premium applied", () => {
    const found = PriceList.builtIn().withPremium(DATA_ZONE).find("gpt-4o-2024-11-20");
    expect(found).toMatchObject({ model: "gpt-4o-2024-11-20", source: "built-in", premium: DATA_ZONE });
    const { row } = found!;
    expect(row.input).toBeCloseTo(2.75, 12);
    expect(row.cacheRead).toBeCloseTo(1.375, 12);
    expect(row.output).toBeCloseTo(11, 12);
    expect(row.serviceTiers!.priority!.input).toBeCloseTo(4.675, 12);
    expect(row.serviceTiers!.priority!.cacheRead).toBeCloseTo(2.3375, 12);
    expect(row.serviceTiers!.priority!.output).toBeCloseTo(18.7, 12);
    // 1M uncached in + 1M out: $2.75 + $11; the built-in row keeps the list price.
    expect(usageCost(row, { input: 1_000_000, output: 1_000_000, cacheRead: 0, cacheWrite: 0 }).usd).toBeCloseTo(13.75, 12);
    expect(PRICING["gpt-4o-2024-11-20"]).toMatchObject({ input: 2.5, cacheRead: 1.25, output: 10 });
  });

  it("multiplies the long-context rates and each service tier's, the threshold unchanged (GPT-5.4 regional)", () => {
    const row = PriceList.builtIn().withPremium({ name: "regional", factor: AZURE_DEPLOYMENT_PREMIUM.regional }).find("gpt-5.4")!.row;
    expect(row.longContext!.aboveInputTokens).toBe(271_999);
    expect(row.longContext!.input).toBeCloseTo(5.5, 12);
    expect(row.longContext!.cacheRead).toBeCloseTo(0.55, 12);
    expect(row.longContext!.output).toBeCloseTo(24.75, 12);
    expect(row.serviceTiers!.flex).toMatchObject({ input: expect.closeTo(1.375, 12), cacheRead: expect.closeTo(0.1375, 12), output: expect.closeTo(8.25, 12) });
    expect(row.serviceTiers!.priority).toMatchObject({ input: expect.closeTo(5.5, 12), output: expect.closeTo(33, 12) });
    // 300k in (over the threshold) + 10k out at the scaled long-context rates: 300k × $5.50 + 10k × $24.75 per 1M
    expect(usageCost(row, { input: 300_000, output: 10_000, cacheRead: 0, cacheWrite: 0 }).usd).toBeCloseTo(1.8975, 12);
  });

  it("takes a custom row as the price actually paid: not multiplied, no premium", () => {
    const list = PriceList.builtIn().withPremium(DATA_ZONE).withCustom({ "gpt-4o": { input: 2, output: 8 }, "house-model": { input: 1, output: 3 } });
    expect(list.find("gpt-4o")).toEqual({ row: { input: 2, output: 8 }, model: "gpt-4o", source: "custom" });
    expect(list.find("house-model")).toEqual({ row: { input: 1, output: 3 }, model: "house-model", source: "custom" });
    expect(list.find("gpt-4.1")).toMatchObject({ source: "built-in", premium: DATA_ZONE, row: { input: expect.closeTo(2.2, 12) } });
  });

  it("multiplies genai-prices' rows too", () => {
    expect(PriceList.builtIn().withPremium(DATA_ZONE).find("gpt-6-sol")).toMatchObject({
      source: "genai-prices",
      premium: DATA_ZONE,
      row: { input: expect.closeTo(2.2, 12), output: expect.closeTo(11, 12) },
    });
  });

  it("is the same list without a premium or with a factor of 1 (a global deployment)", () => {
    const list = PriceList.builtIn();
    expect(list.withPremium(undefined)).toBe(list);
    const global = list.withPremium({ name: "global", factor: AZURE_DEPLOYMENT_PREMIUM.global });
    expect(global).toBe(list);
    const found = global.find("gpt-4o");
    expect(found).toEqual({ row: PRICING["gpt-4o"], model: "gpt-4o", source: "built-in" });
    expect(found!.row).toBe(PRICING["gpt-4o"]);
  });
});
