import { PRICING } from "../../src/pricing";
import { compareWithGenaiPrices, KNOWN_DISAGREEMENTS } from "../../scripts/price-comparison";

const comparisons = compareWithGenaiPrices(PRICING);

describe("the built-in table beside genai-prices' bundled data", () => {
  it.each(comparisons.filter((row) => row.status !== "unknown").map((row) => [row.model, row] as const))(
    "%s agrees with genai-prices, or is a known, explained disagreement",
    (model, row) => {
      if (KNOWN_DISAGREEMENTS[model] === undefined) expect(row.differences).toEqual([]);
      else expect(row.status).toBe("differ");
    },
  );

  it("lists only rows that exist and still disagree, so the list stays short and true", () => {
    for (const model of Object.keys(KNOWN_DISAGREEMENTS)) {
      expect([model, comparisons.find((row) => row.model === model)?.status]).toEqual([model, "differ"]);
    }
    expect(Object.keys(KNOWN_DISAGREEMENTS).length).toBeLessThanOrEqual(5);
  });

  it("knows the Titan v2 disagreement: genai-prices matches it to v1 at $0.10, AWS lists $0.02", () => {
    expect(comparisons.find((row) => row.model === "amazon.titan-embed-text-v2:0")).toMatchObject({
      genaiModel: "amazon.titan-embed-text-v1",
      differences: expect.arrayContaining([{ field: "input", ours: 0.02, theirs: 0.1 }]),
    });
  });

  it("compares most of the table (genai-prices knows all but a few rows)", () => {
    const known = comparisons.filter((row) => row.status !== "unknown").length;
    expect(known / comparisons.length).toBeGreaterThan(0.9);
  });

  it("compares long-context tiers where both sources have one", () => {
    const gpt54 = comparisons.find((row) => row.model === "gpt-5.4");
    expect(gpt54).toMatchObject({ status: "agree", genaiModel: "gpt-5.4" });
  });
});
