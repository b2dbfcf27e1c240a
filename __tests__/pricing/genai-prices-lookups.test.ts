/**
 * How the second price source looks ids up in genai-prices: under which provider, and how often.
 * The library is wrapped (unchanged) to count its lookups; each test starts from a fresh module,
 * so the ids remembered by one test do not leak into the next.
 */
let lookups = 0;
jest.mock("@pydantic/genai-prices", () => {
  const actual = jest.requireActual<typeof import("@pydantic/genai-prices")>("@pydantic/genai-prices");
  return {
    ...actual,
    calcPrice: (...args: Parameters<typeof actual.calcPrice>) => {
      lookups += 1;
      return actual.calcPrice(...args);
    },
  };
});

type Source = typeof import("../../src/pricing/genai-prices-source");

async function freshSource(): Promise<Source> {
  jest.resetModules();
  lookups = 0;
  return import("../../src/pricing/genai-prices-source");
}

describe("genaiPricesRow: the provider an id is looked up under", () => {
  it("looks an id of any shape but Bedrock's up under OpenAI by default, so another vendor's id is unknown", async () => {
    const { genaiPricesRow } = await freshSource();
    expect(genaiPricesRow("gpt-6-sol")).toMatchObject({ id: "gpt-6-sol", row: { input: 2, output: 10 } });
    // genai-prices knows both under their own vendors, but the OpenAI provider lists neither.
    expect(genaiPricesRow("claude-sonnet-4-5")).toBeUndefined();
    expect(genaiPricesRow("mistral-large-latest")).toBeUndefined();
    expect(genaiPricesRow("claude-sonnet-4-5", "anthropic")).toMatchObject({ id: "claude-sonnet-4-5", row: { input: 3, cacheWrite1h: 6, output: 15 } });
  });

  it("looks a Bedrock id up under AWS by default, and only under the provider it is given", async () => {
    const { genaiPricesRow } = await freshSource();
    expect(genaiPricesRow("qwen.qwen3-32b-v1:0")).toEqual({ id: "qwen.qwen3-32b-v1:0", row: { input: 0.15, output: 0.6, source: "https://github.com/pydantic/genai-prices" } });
    expect(genaiPricesRow("qwen.qwen3-32b-v1:0", "openai")).toBeUndefined();
    expect(genaiPricesRow("gpt-4o", "aws")).toBeUndefined();
    expect(genaiPricesRow("gpt-4o", "openai")).toMatchObject({ id: "gpt-4o", row: { input: 2.5, cacheRead: 1.25, output: 10 } });
  });
});

describe("genaiPricesRow: each id is looked up once per provider", () => {
  it("answers a repeated id, found or unknown, from memory", async () => {
    const { genaiPricesRow } = await freshSource();
    const first = genaiPricesRow("gpt-6-sol");
    expect(genaiPricesRow("gpt-6-sol")).toBe(first);
    expect(genaiPricesRow("gpt-99")).toBeUndefined();
    expect(genaiPricesRow("gpt-99")).toBeUndefined();
    expect(lookups).toBe(2);
    // Another provider is another lookup; both stay remembered.
    expect(genaiPricesRow("gpt-6-sol", "azure")).toMatchObject({ id: "gpt-6-sol", row: { input: 2 } });
    expect(genaiPricesRow("gpt-6-sol")).toBe(first);
    expect(genaiPricesRow("gpt-6-sol", "azure")).toMatchObject({ id: "gpt-6-sol" });
    expect(lookups).toBe(3);
  });

  it("remembers 1,000 ids; the 1,001st starts the memory afresh, so an earlier id is looked up again", async () => {
    const { genaiPricesRow } = await freshSource();
    for (let i = 0; i < 1_000; i++) expect(genaiPricesRow(`invented-model-${i}`)).toBeUndefined();
    expect(lookups).toBe(1_000);
    genaiPricesRow("invented-model-0");
    genaiPricesRow("invented-model-999");
    expect(lookups).toBe(1_000);
    genaiPricesRow("invented-model-1000");
    expect(lookups).toBe(1_001);
    genaiPricesRow("invented-model-1000");
    expect(lookups).toBe(1_001);
    genaiPricesRow("invented-model-0");
    expect(lookups).toBe(1_002);
  });
});
