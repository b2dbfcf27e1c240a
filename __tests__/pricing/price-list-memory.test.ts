import { PriceList, PRICING } from "../../src/pricing";

/** The prices a list remembers, read through its private map: the bound is part of its contract. */
function remembered(list: PriceList): number {
  return (list as unknown as { found: Map<string, unknown> }).found.size;
}

describe("a price list remembers the prices it found", () => {
  it("answers a second lookup with the same price, by answered and requested id", () => {
    const list = PriceList.builtIn();
    const first = list.find("gpt-4o-2024-08-06", "gpt-4o");
    expect(first).toMatchObject({ source: "built-in", model: "gpt-4o-2024-08-06" });
    expect(list.find("gpt-4o-2024-08-06", "gpt-4o")).toBe(first);
    // Another requested id, or another vendor, is another lookup.
    expect(list.find("nobody-knows-this", "gpt-4o-mini")).toMatchObject({ model: "gpt-4o-mini" });
    expect(list.find("nobody-knows-this", "gpt-4o")).toMatchObject({ model: "gpt-4o" });
    expect(remembered(list)).toBe(3);
  });

  it("never remembers a miss: a row added to the built-in table later prices the next call", () => {
    const list = PriceList.builtIn();
    expect(list.find("house-model-7")).toBeUndefined();
    PRICING["house-model-7"] = { input: 1, output: 2 };
    try {
      expect(list.find("house-model-7")).toMatchObject({ source: "built-in", model: "house-model-7", row: { input: 1, output: 2 } });
    } finally {
      delete PRICING["house-model-7"];
    }
  });

  it("remembers at most 1,000 lookups, however many ids a process prices, and still answers each right", () => {
    const list = PriceList.builtIn().withCustom(Object.fromEntries(Array.from({ length: 1_500 }, (_, i) => [`model-${i}`, { input: i, output: 1 }])));
    let most = 0;
    for (let i = 0; i < 1_500; i++) {
      expect(list.find(`model-${i}`)?.row.input).toBe(i);
      most = Math.max(most, remembered(list));
    }
    expect(most).toBe(1_000);
    expect(remembered(list)).toBeLessThanOrEqual(1_000);
    expect(remembered(list)).toBeGreaterThan(0);
    expect(list.find("model-3")?.row.input).toBe(3);
  });
});
