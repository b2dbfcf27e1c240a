import { AgentRole, ProviderFactory } from "../../src/factory";
import { ConfigurationError, UnknownModelPricingError } from "../../src/errors";
import { CostTracker } from "../../src/tracking/cost-tracker";

function errorOf(run: () => unknown): ConfigurationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error("expected a ConfigurationError");
}

describe("a bad model id is a ConfigurationError at forRole, naming the variable to fix", () => {
  test.each([
    [AgentRole.RAG, { DEFAULT_RAG_MODEL: "" }, 'Role rag: DEFAULT_RAG_MODEL is "": no model id. Set DEFAULT_RAG_MODEL to a model id such as "gpt-4-turbo".'],
    [
      AgentRole.ORCHESTRATOR_GUIDE,
      { ORCHESTRATOR_GUIDE_MODEL: "   " },
      'Role orchestrator_guide: ORCHESTRATOR_GUIDE_MODEL is "   ": no model id. Set ORCHESTRATOR_GUIDE_MODEL to a model id such as "anthropic.claude-3-haiku-20240307-v1:0".',
    ],
    [AgentRole.HYBRID, { DEFAULT_HYBRID_MODEL: "openai:" }, 'Role hybrid: DEFAULT_HYBRID_MODEL is "openai:": no model id. Set DEFAULT_HYBRID_MODEL to a model id such as "gpt-4o".'],
    [
      AgentRole.DIRECT,
      { DEFAULT_DIRECT_MODEL: "text-embedding-3-large" },
      'Role direct: DEFAULT_DIRECT_MODEL is "text-embedding-3-large": an embeddings model, but this role needs a chat model. ' +
        'Set DEFAULT_DIRECT_MODEL to a model id such as "anthropic.claude-3-haiku-20240307-v1:0".',
    ],
    [
      AgentRole.CAG,
      { DEFAULT_CAG_MODEL: "bedrock:amazon.titan-embed-text-v2:0" },
      'Role cag: DEFAULT_CAG_MODEL is "bedrock:amazon.titan-embed-text-v2:0": an embeddings model, but this role needs a chat model. ' +
        'Set DEFAULT_CAG_MODEL to a model id such as "anthropic.claude-3-haiku-20240307-v1:0".',
    ],
    [
      AgentRole.EMBEDDINGS,
      { DEFAULT_EMBEDDING_MODEL: "gpt-4o" },
      'Role embeddings: DEFAULT_EMBEDDING_MODEL is "gpt-4o": not an OpenAI or Azure OpenAI embeddings model (text-embedding-…), which this role needs. ' +
        'Set DEFAULT_EMBEDDING_MODEL to a model id such as "text-embedding-3-large".',
    ],
    [
      AgentRole.EMBEDDINGS,
      { DEFAULT_EMBEDDING_MODEL: "bedrock:amazon.titan-embed-text-v2:0" },
      'Role embeddings: DEFAULT_EMBEDDING_MODEL is "bedrock:amazon.titan-embed-text-v2:0": not an OpenAI or Azure OpenAI embeddings model (text-embedding-…), which this role needs. ' +
        'Set DEFAULT_EMBEDDING_MODEL to a model id such as "text-embedding-3-large".',
    ],
  ])("role %s with %j", (role, env, message) => {
    const factory = new ProviderFactory({ env });
    expect(errorOf(() => factory.forRole(role)).message).toBe(message);
    expect(errorOf(() => factory.modelFor(role)).message).toBe(message);
  });

  test("an id with no price names the variable, says how to price it, and keeps the pricing error as cause", () => {
    const factory = new ProviderFactory({ env: { DEFAULT_RAG_MODEL: "gpt-9-imaginary" } });
    const error = errorOf(() => factory.runnableFor(AgentRole.RAG));
    expect(error.message).toBe(
      'Role rag: DEFAULT_RAG_MODEL is "gpt-9-imaginary": no price is known for this model, and every call must be priced. ' +
        'Set DEFAULT_RAG_MODEL to a model id such as "gpt-4-turbo", or give the factory a tracker that prices it: ' +
        'new CostTracker({ pricing: { "gpt-9-imaginary": { input: …, output: … } } }).',
    );
    expect(error.cause).toBeInstanceOf(UnknownModelPricingError);
    expect((error.cause as UnknownModelPricingError).model).toBe("gpt-9-imaginary");
  });

  test("a bad override names the override and the variable", () => {
    const factory = new ProviderFactory({ env: { DEFAULT_RAG_MODEL: "gpt-4o" }, overrides: { [AgentRole.RAG]: " " } });
    expect(errorOf(() => factory.forRole(AgentRole.RAG)).message).toBe(
      'Role rag: overrides.rag (used in place of DEFAULT_RAG_MODEL) is " ": no model id. ' +
        'Set DEFAULT_RAG_MODEL to a model id such as "gpt-4-turbo" (or change overrides.rag).',
    );
  });

  test("an empty chain in overrides is refused at forRole, runnableFor and modelFor, naming the role and what to give", () => {
    const factory = new ProviderFactory({ env: {}, overrides: { [AgentRole.RAG]: [] } });
    const expected =
      'Role rag: overrides.rag (used in place of DEFAULT_RAG_MODEL) is []: an empty fallback chain, with no model to call. ' +
      'Set DEFAULT_RAG_MODEL to a model id such as "gpt-4-turbo" (or change overrides.rag), or give a list of one or more ids: ["gpt-4o", "gpt-4o-mini"].';
    expect(errorOf(() => factory.forRole(AgentRole.RAG)).message).toBe(expected);
    expect(errorOf(() => factory.runnableFor(AgentRole.RAG)).message).toBe(expected);
    expect(errorOf(() => factory.modelFor(AgentRole.RAG)).message).toBe(expected);
  });

  test("the factory itself is built without complaint; only the misconfigured role fails", () => {
    const factory = new ProviderFactory({ env: { DEFAULT_RAG_MODEL: "", AWS_REGION: "us-east-1" } });
    expect(factory.forRole(AgentRole.DIRECT).model).toBe("anthropic.claude-3-haiku-20240307-v1:0");
    expect(() => factory.forRole(AgentRole.RAG)).toThrow(ConfigurationError);
  });

  test("a model priced by the tracker's own table is accepted, and its provider uses those prices", () => {
    const tracker = new CostTracker({ pricing: { "my-finetune": { input: 1.5, output: 6 } } });
    const factory = new ProviderFactory({ env: { DEFAULT_RAG_MODEL: "my-finetune" }, tracker });
    const provider = factory.forRole(AgentRole.RAG);
    expect([provider.provider, provider.model]).toEqual(["openai", "my-finetune"]);
    expect(provider.pricing["my-finetune"]).toEqual({ input: 1.5, output: 6 });
  });

  test("runnableFor(EMBEDDINGS) says where the embeddings provider is", () => {
    const factory = new ProviderFactory({ env: {} });
    expect(errorOf(() => factory.runnableFor(AgentRole.EMBEDDINGS)).message).toBe(
      "Role embeddings has no chat model: use factory.forRole(AgentRole.EMBEDDINGS) for its OpenAIEmbeddingsProvider.",
    );
  });
});
