import { AgentRole, chooseModel, isChatRole, isEmbeddingModelId, parseModelId } from "../../src/factory";
import { PRICING } from "../../src/pricing";

describe("parseModelId", () => {
  test.each([
    ["gpt-4o", "openai", "gpt-4o"],
    ["anthropic.claude-3-haiku-20240307-v1:0", "bedrock", "anthropic.claude-3-haiku-20240307-v1:0"],
    ["us.anthropic.claude-3-5-haiku-20241022-v1:0", "bedrock", "us.anthropic.claude-3-5-haiku-20241022-v1:0"],
    ["global.anthropic.claude-sonnet-4-5-20250929-v1:0", "bedrock", "global.anthropic.claude-sonnet-4-5-20250929-v1:0"],
    ["openai:gpt-4o-mini", "openai", "gpt-4o-mini"],
    ["bedrock:anthropic.claude-3-haiku-20240307-v1:0", "bedrock", "anthropic.claude-3-haiku-20240307-v1:0"],
    ["bedrock:my-imported-model", "bedrock", "my-imported-model"],
    ["openai:", "openai", ""],
    ["  text-embedding-3-small ", "openai", "text-embedding-3-small"],
    ["azure:gpt-4o", "azure", "gpt-4o"],
    ["azure: my-gpt4o ", "azure", "my-gpt4o"],
    ["anthropic:claude-3", "openai", "anthropic:claude-3"],
  ])("%j → %s %j", (id, provider, model) => {
    expect(parseModelId(id)).toEqual({ provider, model });
  });
});

test.each([
  ["text-embedding-3-large", true],
  ["text-embedding-ada-002", true],
  ["amazon.titan-embed-text-v2:0", true],
  ["cohere.embed-english-v3", true],
  ["gpt-4o", false],
  ["anthropic.claude-3-haiku-20240307-v1:0", false],
])("isEmbeddingModelId(%j) is %s", (model, expected) => {
  expect(isEmbeddingModelId(model)).toBe(expected);
});

test("isChatRole is false only for EMBEDDINGS", () => {
  expect(Object.values(AgentRole).filter((role) => !isChatRole(role))).toEqual([AgentRole.EMBEDDINGS]);
});

test("chooseModel reports the role, provider, bare model and variable", () => {
  const sources = { env: { DEFAULT_CAG_MODEL: "bedrock:us.anthropic.claude-3-5-haiku-20241022-v1:0" }, overrides: {}, pricing: PRICING };
  expect(chooseModel(AgentRole.CAG, sources)).toEqual({
    role: AgentRole.CAG,
    provider: "bedrock",
    model: "us.anthropic.claude-3-5-haiku-20241022-v1:0",
    variable: "DEFAULT_CAG_MODEL",
  });
  expect(chooseModel(AgentRole.HYBRID, sources)).toEqual({ role: AgentRole.HYBRID, provider: "openai", model: "gpt-4o", variable: "DEFAULT_HYBRID_MODEL" });
});
