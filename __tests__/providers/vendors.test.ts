import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { HumanMessage } from "@langchain/core/messages";
import { VENDOR_KITS } from "../../src/factory/vendor-kits";
import { listedVendor, parseModelId, providerOfRun, vendorOf, VENDORS } from "../../src/providers/vendors";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { inputTokensAtMost } from "../../src/tracking/worst-case";
import { PriceList } from "../../src/pricing";
import { ScriptedChatModel } from "../helpers/scripted-chat-model";

const SRC = path.join(__dirname, "../../src");

/** Every .ts file below a folder. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sourceFiles(file) : file.endsWith(".ts") ? [file] : [];
  });
}

describe("the vendor registry", () => {
  test("lists OpenAI, Bedrock and Azure, each with its kit, its ls_provider values and its OpenTelemetry name", () => {
    expect(VENDORS.map((vendor) => vendor.name)).toEqual(["openai", "bedrock", "azure"]);
    expect(Object.keys(VENDOR_KITS).sort()).toEqual(["azure", "bedrock", "openai"]);
    expect(VENDORS.map((vendor) => [vendor.name, vendor.lsProviders, vendor.tokens.exact, vendor.tokens.reservationMargin])).toEqual([
      ["openai", ["openai"], true, 1],
      ["bedrock", ["amazon_bedrock", "bedrock"], false, 1.25],
      ["azure", ["azure"], true, 1],
    ]);
  });

  test.each([
    ["gpt-4o", "openai", "gpt-4o"],
    ["us.anthropic.claude-3-haiku-20240307-v1:0", "bedrock", "us.anthropic.claude-3-haiku-20240307-v1:0"],
    ["arn:aws:bedrock:us-east-1:1:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0", "bedrock", "arn:aws:bedrock:us-east-1:1:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0"],
    ["azure:chat-prod", "azure", "chat-prod"],
    ["my-finetune", "openai", "my-finetune"],
  ])("parseModelId(%j) → %s %j", (id, provider, model) => {
    expect(parseModelId(id)).toEqual({ provider, model });
  });

  test("a run's ls_provider names its vendor; one the registry does not know is that vendor's own name, never OpenAI", () => {
    expect(["openai", "amazon_bedrock", "azure", "anthropic", "ollama"].map((name) => providerOfRun(name, "gpt-4o"))).toEqual(["openai", "bedrock", "azure", "anthropic", "ollama"]);
    expect([providerOfRun(undefined, "anthropic.claude-3-haiku-20240307-v1:0"), providerOfRun(undefined, "gpt-4o")]).toEqual(["bedrock", "openai"]);
    expect(listedVendor("ollama")).toBeUndefined();
    const ollama = vendorOf("ollama");
    expect([ollama.name, ollama.telemetryName, ollama.tokens.exact, ollama.usage]).toEqual(["ollama", "ollama", false, undefined]);
    expect(vendorOf("ollama")).toBe(ollama);
  });

  test("outside the vendors' folders and the registry, no code compares a provider name with a vendor's", () => {
    const vendorCode = /[\\/]src[\\/](providers[\\/](openai|bedrock|azure)[\\/]|providers[\\/]vendors\.ts$|testing[\\/])/;
    const comparison = /(===|!==)\s*"(openai|bedrock|azure|amazon_bedrock)"|"(openai|bedrock|azure|amazon_bedrock)"\s*(===|!==)|\?\s*"(openai|bedrock|azure)"\s*:/;
    const offenders = sourceFiles(SRC)
      .filter((file) => !vendorCode.test(file))
      .flatMap((file) => readFileSync(file, "utf8").split("\n").map((line, index) => `${path.relative(SRC, file)}:${index + 1}: ${line.trim()}`).filter((line) => comparison.test(line)));
    expect(offenders).toEqual([]);
  });
});

describe("a chat model of a vendor outside the registry", () => {
  const prompt = [new HumanMessage("Hello there")];

  test("is recorded under its own ls_provider, unpriced when no price is known (never as OpenAI, never a silent $0 spend)", async () => {
    const tracker = new CostTracker();
    const model = new ScriptedChatModel({ answers: [{ text: "Hi!", usage: { input_tokens: 12, output_tokens: 3, total_tokens: 15 } }], model: "acme-large-1", lsProvider: "acme", callbacks: [tracker] });
    await model.invoke(prompt);
    const [call] = tracker.calls;
    expect([call?.provider, call?.model, call?.priced, call?.cost, call?.tokensInput, call?.tokensOutput, call?.estimated]).toEqual(["acme", "acme-large-1", false, 0, 12, 3, false]);
    expect(tracker.totals().unpriced).toBe(1);
    expect(tracker.report()).toContain("1 UNPRICED");
  });

  test("is priced from genai-prices under its own name where genai-prices knows it (Anthropic's API), flagged as the second source", async () => {
    const tracker = new CostTracker();
    const usage = { input_tokens: 1000, output_tokens: 100, total_tokens: 1100 };
    const model = new ScriptedChatModel({ answers: [{ text: "Hi!", usage }], model: "claude-3-5-sonnet-20241022", lsProvider: "anthropic", callbacks: [tracker] });
    await model.invoke(prompt);
    const [call] = tracker.calls;
    expect([call?.provider, call?.priced, call?.pricedWith?.source]).toEqual(["anthropic", true, "genai-prices"]);
    expect(call?.cost).toBeCloseTo((1000 * 3 + 100 * 15) / 1e6, 12);
  });

  test("a stream of it cut off is estimated with an approximate count, reserved with the approximation's margin", async () => {
    const tracker = new CostTracker({ budgetUsd: 1, pricing: { "acme-large-1": { input: 1, output: 2 } } });
    const model = new ScriptedChatModel({ answers: [{ text: "one two three four", failAfterChunks: 2 }], model: "acme-large-1", lsProvider: "acme", callbacks: [tracker] });
    await expect(async () => {
      for await (const _ of await model.stream(prompt)) void _;
    }).rejects.toThrow("terminated");
    const [call] = tracker.calls;
    expect([call?.provider, call?.estimated, call?.content]).toEqual(["acme", true, "one two "]);
    const counted = vendorOf("acme").tokens.prompt("acme-large-1", prompt);
    expect(call!.tokensInput).toBe(counted);
    expect(inputTokensAtMost({ provider: "acme", requestedModel: "acme-large-1", prompt, prices: PriceList.builtIn() })).toBe(Math.ceil(counted * 1.25));
  });
});
