import { PRICING, PriceList } from "../../src/pricing";

describe("PriceList.withAliases", () => {
  it("prices a requested id that stands for a model (an Azure deployment) as that model", () => {
    const list = PriceList.builtIn().withAliases({ "prod-chat": "gpt-4o-mini" });
    expect(list.find("prod-chat")).toEqual({ row: PRICING["gpt-4o-mini"], model: "gpt-4o-mini", source: "built-in" });
    // The answered model wins over the alias; an id that is no alias stays unknown.
    expect(list.find("gpt-4o-2024-08-06", "prod-chat")).toMatchObject({ model: "gpt-4o-2024-08-06" });
    expect(list.find("unknown-answer", "prod-chat")).toMatchObject({ model: "gpt-4o-mini" });
    expect(list.find("staging-chat")).toBeUndefined();
    expect(PriceList.builtIn().find("prod-chat")).toBeUndefined();
  });

  it("keeps the aliases it had when given more, the later winning for the same id", () => {
    const list = PriceList.builtIn().withAliases({ "prod-chat": "gpt-4o-mini", "prod-embed": "text-embedding-3-small" }).withAliases({ "prod-chat": "gpt-4.1" });
    expect(list.find("prod-chat")).toMatchObject({ model: "gpt-4.1", source: "built-in" });
    expect(list.find("prod-embed")).toMatchObject({ model: "text-embedding-3-small", source: "built-in" });
  });

  it("looks the deployment's own row up before its model's", () => {
    const list = PriceList.builtIn().withCustom({ "prod-chat": { input: 9, output: 9 } }).withAliases({ "prod-chat": "gpt-4o-mini" });
    expect(list.find("prod-chat")).toEqual({ row: { input: 9, output: 9 }, model: "prod-chat", source: "custom" });
  });
});

describe("PriceList.table", () => {
  it("shows every table row as one table, later custom rows over earlier ones over the built-in rows", () => {
    const list = PriceList.builtIn().withCustom({ "gpt-4o": { input: 1, output: 2 }, "house-a": { input: 3, output: 3 } }).withCustom({ "house-a": { input: 4, output: 4 } });
    const table = list.table();
    expect(table["gpt-4o"]).toEqual({ input: 1, output: 2 });
    expect(table["house-a"]).toEqual({ input: 4, output: 4 });
    expect(table["gpt-4o-mini"]).toBe(PRICING["gpt-4o-mini"]);
    expect(Object.keys(table)).toHaveLength(Object.keys(PRICING).length + 1);
  });
});

describe("PriceList.find and genai-prices' providers", () => {
  it("keeps the answers for one vendor's provider apart from another's", () => {
    const list = PriceList.builtIn();
    expect(list.find("gpt-6-sol", "gpt-6-sol", "openai")).toMatchObject({ source: "genai-prices", model: "gpt-6-sol" });
    // genai-prices' AWS provider has no such model: the OpenAI answer found first is not reused.
    expect(list.find("gpt-6-sol", "gpt-6-sol", "aws")).toBeUndefined();
    expect(list.find("gpt-6-sol", "gpt-6-sol", "azure")).toMatchObject({ source: "genai-prices", model: "gpt-6-sol" });
  });
});
