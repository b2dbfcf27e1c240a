import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureBuilt, probeImport, ROOT, type Probe, type ProbeOptions } from "../../scripts/built-package";
import { typeCheckConsumer } from "../helpers/consumer-type-check";
import { BEDROCK_NAMES, OPENAI_NAMES, OTHER_VENDOR, ROOT_NAMES, TESTING_NAMES } from "./api-names";

/**
 * The built package (dist/, built first when src/ is newer), each entry imported by its package
 * name (so through the exports map) in a fresh node process, ESM and CommonJS.
 */
const AWS_CODE = /node_modules[\\/](@aws-sdk|@langchain[\\/]aws|@smithy)[\\/]/;
const OPENAI_CODE = /node_modules[\\/](openai|@langchain[\\/]openai)[\\/]/;
const O200K = /gpt-tokenizer[\\/]cjs[\\/]encoding[\\/]o200k_base/;
const CL100K = /gpt-tokenizer[\\/]cjs[\\/]encoding[\\/]cl100k_base/;

beforeAll(() => {
  ensureBuilt();
}, 240_000);

/** The package a file in node_modules belongs to: `openai`, `@aws-sdk/core`. */
function packageOf(file: string): string {
  const parts = file.replace(/.*node_modules[\\/]/, "").split(/[\\/]/);
  return parts.slice(0, parts[0]!.startsWith("@") ? 2 : 1).join("/");
}

const packages = (modules: readonly string[] | undefined, pattern: RegExp): string[] =>
  [...new Set((modules ?? []).filter((file) => pattern.test(file)).map(packageOf))];

describe.each(["esm", "cjs"] as const)("the built entries, %s", (format) => {
  const probe = (specifier: string, options: Partial<ProbeOptions> = {}): Probe =>
    probeImport({ specifiers: [specifier], format, recordModules: true, exportsOf: true, ...options });
  const builtFile = (name: string) => new RegExp(`dist[\\\\/]${name}\\.${format === "esm" ? "mjs" : "js"}$`);

  const VENDORS = [
    { vendor: "openai", names: OPENAI_NAMES, own: OPENAI_CODE, other: AWS_CODE, loads: ["@langchain/openai", "openai"] },
    { vendor: "bedrock", names: BEDROCK_NAMES, own: AWS_CODE, other: OPENAI_CODE, loads: ["@langchain/aws", "@aws-sdk/client-bedrock-runtime"] },
  ] as const;

  it.each(VENDORS)("@orchestratai/llm/$vendor: its side only, none of the other vendor's modules loaded, no tokenizer built at import", ({ vendor, names, own, other, loads }) => {
    const { exports, modules, tokenizerModules } = probe(`@orchestratai/llm/${vendor}`);
    expect(modules?.some((file) => builtFile(vendor).test(file))).toBe(true);
    expect(exports).toMatchObject(names);
    for (const name of OTHER_VENDOR[vendor]) expect(exports).not.toHaveProperty(name);
    expect(packages(modules, other)).toEqual([]);
    expect(packages(modules, own)).toEqual(expect.arrayContaining([...loads]));
    expect(tokenizerModules).toEqual([]);
  });

  it("@orchestratai/llm and /testing: every documented name, no tokenizer built at import", () => {
    const root = probe("@orchestratai/llm");
    expect(root.exports).toMatchObject(ROOT_NAMES);
    expect(root.tokenizerModules).toEqual([]);
    const testing = probe("@orchestratai/llm/testing");
    expect(testing.exports).toMatchObject(TESTING_NAMES);
    expect(testing.tokenizerModules).toEqual([]);
  });

  it("one class across entries: the root factory's tracker is an instance of every entry's CostTracker; every class keeps its name", () => {
    const { identity } = probeImport({ specifiers: ["@orchestratai/llm", "@orchestratai/llm/openai", "@orchestratai/llm/bedrock"], format, identity: true });
    // renamed: the exported classes whose `name` is not their own (error.name, LangChain's "Error in handler <name>")
    expect(identity).toEqual({ differing: [], renamed: [], factoryTrackerIs: [true, true, true] });
  });

  it("warmUpTokenizers builds the encoders of the models asked for, one at a time", () => {
    const haiku = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
    const { warmUp } = probe("@orchestratai/llm/openai", { warmUp: [[], ["gpt-4o"], [haiku], null] });
    const built = (step: number) => [O200K, CL100K].map((pattern) => warmUp![step]!.tokenizerModules.some((file) => pattern.test(file)));
    expect([0, 1, 2, 3].map(built)).toEqual([
      [false, false], // no models: nothing to build
      [true, false], // gpt-4o: o200k_base
      [true, true], // Claude's approximation counts cl100k_base pieces
      [true, true], // all, already built
    ]);
  });
});

/**
 * A consumer that imports the package by name, compiled against the built declarations: under
 * node16 resolution an `.mts` file reads the `import` types (.d.mts), a `.cts` file the `require`
 * types (.d.ts). A class from one entry must be the same type as in another (a CostTracker from
 * /openai given to the root's factory), and each vendor entry must lack the other's classes.
 */
const CONSUMER = `
import { CostTracker, InputError, OpenAIProvider, warmUpTokenizers, type ChatMessage, type TokenUsage } from "@orchestratai/llm/openai";
import { BedrockProvider, LLMError as BedrockLLMError, type LLMCallResult } from "@orchestratai/llm/bedrock";
import { ProviderFactory, LLMError, type LLMProvider, type PricingTable, type TrackedCall, type CostTotals } from "@orchestratai/llm";
import type { StandIn } from "@orchestratai/llm/testing";
// @ts-expect-error the OpenAI entry has no Bedrock provider
import { BedrockProvider as NotInOpenAI } from "@orchestratai/llm/openai";
// @ts-expect-error the Bedrock entry has no OpenAI provider
import { OpenAIProvider as NotInBedrock } from "@orchestratai/llm/bedrock";

const factory = new ProviderFactory({ tracker: new CostTracker({ budgetUsd: 1 }) });
const tracker: CostTracker = factory.tracker;
const providers: LLMProvider[] = [
  new OpenAIProvider({ model: "gpt-4o", apiKey: "sk-x" }),
  new BedrockProvider({ model: "anthropic.claude-3-haiku-20240307-v1:0", region: "us-east-1" }),
];
const asRootError: LLMError = new InputError("x");
const asBedrockError: BedrockLLMError = asRootError;
const message: ChatMessage = { role: "user", content: "hi" };
const usage: TokenUsage = { input: 1, output: 1, cacheRead: 0, cacheWrite: 0 };
const warm: Promise<void> = warmUpTokenizers(["gpt-4o"]);
export type Used = [typeof tracker, typeof providers, typeof asBedrockError, typeof message, typeof usage, typeof warm,
  LLMCallResult, PricingTable, TrackedCall, CostTotals, StandIn, typeof NotInOpenAI, typeof NotInBedrock];
`;

it("a consumer compiles against the built types of every entry, ESM (.d.mts) and CommonJS (.d.ts)", () => {
  // Inside the package, so that "@orchestratai/llm/…" resolves to itself through its exports map.
  const dir = mkdtempSync(path.join(ROOT, ".types-check-"));
  try {
    const files = ["consumer.mts", "consumer.cts"].map((name) => path.join(dir, name));
    for (const file of files) writeFileSync(file, CONSUMER);
    const { problems, builtDeclarations } = typeCheckConsumer(files);
    expect(problems).toEqual([]);
    // The declarations compiled are the built ones, both flavours.
    expect(builtDeclarations).toEqual(expect.arrayContaining(["dist/openai.d.mts", "dist/openai.d.ts", "dist/index.d.mts", "dist/index.d.ts", "dist/bedrock.d.mts", "dist/bedrock.d.ts"]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
