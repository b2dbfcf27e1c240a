import { readFileSync } from "node:fs";
import path from "node:path";
import { ChatBedrockConverse } from "@langchain/aws";
import { ChatOpenAI } from "@langchain/openai";
import { AgentRole, ProviderFactory, ROLE_MODELS } from "../../src/factory";
import { PriceList } from "../../src/pricing";
import { BedrockProvider } from "../../src/providers/bedrock/bedrock-provider";
import { OpenAIEmbeddingsProvider } from "../../src/providers/openai/openai-embeddings";
import { OpenAIProvider } from "../../src/providers/openai/openai-provider";

type Kind = "openai" | "bedrock" | "embeddings";

/** The table of API.md, written out here so that the test checks ROLE_MODELS rather than reading it. */
const TABLE: [AgentRole, string, string, Kind, string][] = [
  [AgentRole.ORCHESTRATOR_ANALYSIS, "ORCHESTRATOR_ANALYSIS_MODEL", "anthropic.claude-3-5-sonnet-20241022-v2:0", "bedrock", "us.anthropic.claude-3-5-haiku-20241022-v1:0"],
  [AgentRole.ORCHESTRATOR_GUIDE, "ORCHESTRATOR_GUIDE_MODEL", "anthropic.claude-3-haiku-20240307-v1:0", "bedrock", "gpt-4o-mini"],
  [AgentRole.RAG, "DEFAULT_RAG_MODEL", "gpt-4-turbo", "openai", "anthropic.claude-sonnet-4-20250514-v1:0"],
  [AgentRole.CAG, "DEFAULT_CAG_MODEL", "anthropic.claude-3-haiku-20240307-v1:0", "bedrock", "global.anthropic.claude-haiku-4-5-20251001-v1:0"],
  [AgentRole.HYBRID, "DEFAULT_HYBRID_MODEL", "gpt-4o", "openai", "gpt-4o-mini"],
  [AgentRole.DIRECT, "DEFAULT_DIRECT_MODEL", "anthropic.claude-3-haiku-20240307-v1:0", "bedrock", "gpt-4o-2024-05-13"],
  [AgentRole.EMBEDDINGS, "DEFAULT_EMBEDDING_MODEL", "text-embedding-3-large", "embeddings", "text-embedding-3-small"],
];

const ENDPOINTS = { AWS_REGION: "us-east-1", AWS_ENDPOINT_URL_BEDROCK_RUNTIME: "http://127.0.0.1:9", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" };

function kindOf(provider: unknown): Kind {
  if (provider instanceof OpenAIEmbeddingsProvider) return "embeddings";
  if (provider instanceof BedrockProvider) return "bedrock";
  if (provider instanceof OpenAIProvider) return "openai";
  throw new Error(`unexpected provider ${String(provider)}`);
}

function kindOfModel(model: string): Kind {
  if (model.startsWith("text-embedding-")) return "embeddings";
  return /anthropic\./.test(model) ? "bedrock" : "openai";
}

test("ROLE_MODELS holds exactly the seven roles of the table", () => {
  expect(Object.keys(ROLE_MODELS).sort()).toEqual(TABLE.map(([role]) => role).sort());
  for (const [role, variable, defaultModel] of TABLE) expect(ROLE_MODELS[role]).toEqual({ variable, defaultModel });
});

describe.each(TABLE)("role %s (variable %s)", (role, variable, defaultModel, kind, otherModel) => {
  test(`defaults to ${defaultModel} on ${kind}`, () => {
    const factory = new ProviderFactory({ env: { ...ENDPOINTS } });
    const provider = factory.forRole(role);
    expect(factory.modelFor(role)).toBe(defaultModel);
    expect(provider.model).toBe(defaultModel);
    expect(kindOf(provider)).toBe(kind);
  });

  test("the variable chooses the model, and the provider that serves it", () => {
    const factory = new ProviderFactory({ env: { ...ENDPOINTS, [variable]: otherModel } });
    expect(factory.modelFor(role)).toBe(otherModel);
    expect(factory.forRole(role).model).toBe(otherModel);
    expect(kindOf(factory.forRole(role))).toBe(kindOfModel(otherModel));
  });

  test("overrides win over the variable", () => {
    const factory = new ProviderFactory({ env: { ...ENDPOINTS, [variable]: otherModel }, overrides: { [role]: defaultModel } });
    expect(factory.modelFor(role)).toBe(defaultModel);
    expect(kindOf(factory.forRole(role))).toBe(kind);
  });
});

describe("model id prefixes", () => {
  test.each([
    ["openai:gpt-4o", "openai", "gpt-4o", ChatOpenAI],
    ["bedrock:anthropic.claude-3-haiku-20240307-v1:0", "bedrock", "anthropic.claude-3-haiku-20240307-v1:0", ChatBedrockConverse],
    ["eu.anthropic.claude-3-5-sonnet-20241022-v2:0", "bedrock", "eu.anthropic.claude-3-5-sonnet-20241022-v2:0", ChatBedrockConverse],
    [
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0",
      "bedrock",
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0",
      ChatBedrockConverse,
    ],
    ["  gpt-4o-mini  ", "openai", "gpt-4o-mini", ChatOpenAI],
    ["bedrock: anthropic.claude-3-haiku-20240307-v1:0 ", "bedrock", "anthropic.claude-3-haiku-20240307-v1:0", ChatBedrockConverse],
  ])("%j is served by %s as %j", (id, provider, model, chatClass) => {
    const factory = new ProviderFactory({ env: { ...ENDPOINTS, DEFAULT_RAG_MODEL: id } });
    expect(factory.modelFor(AgentRole.RAG)).toBe(model);
    const chosen = factory.forRole(AgentRole.RAG);
    expect([chosen.provider, chosen.model]).toEqual([provider, model]);
    expect(factory.runnableFor(AgentRole.RAG)).toBeInstanceOf(chatClass);
  });

  test("openai: on the embeddings role", () => {
    const factory = new ProviderFactory({ env: { DEFAULT_EMBEDDING_MODEL: "openai:text-embedding-3-small" } });
    expect(factory.forRole(AgentRole.EMBEDDINGS).model).toBe("text-embedding-3-small");
  });
});

describe("the .env of current models in docs/pricing.md", () => {
  const page = readFileSync(path.join(__dirname, "../../docs/pricing.md"), "utf8");
  const block = /### Current models for the roles[\s\S]*?```dotenv\n([\s\S]*?)```/.exec(page)?.[1] ?? "";
  const env = Object.fromEntries(block.trim().split("\n").map((line) => line.split("=") as [string, string]));

  it("sets every role's variable", () => {
    expect(Object.keys(env).sort()).toEqual(TABLE.map(([, variable]) => variable).sort());
  });

  it.each(TABLE)("gives role %s a model the catalog prices (built-in, not the second source)", (role) => {
    const factory = new ProviderFactory({ env: { ...ENDPOINTS, ...env } });
    const provider = factory.forRole(role);
    expect(provider.model).toBe(env[ROLE_MODELS[role].variable]);
    expect(PriceList.builtIn().find(provider.model)?.source).toBe("built-in");
  });
});
