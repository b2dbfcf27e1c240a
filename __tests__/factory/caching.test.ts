import { inspect } from "node:util";
import { ChatBedrockConverse } from "@langchain/aws";
import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { RunnableBinding } from "@langchain/core/runnables";
import { ChatOpenAI } from "@langchain/openai";
import { AgentRole, getProviderFactory, ProviderFactory, type ChatAgentRole } from "../../src/factory";
import { CostTracker } from "../../src/tracking/cost-tracker";

const ENV = { AWS_REGION: "us-east-1", AWS_ENDPOINT_URL_BEDROCK_RUNTIME: "http://127.0.0.1:9", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" };

function bedrockClientOf(factory: ProviderFactory, role: ChatAgentRole) {
  return (factory.forRole(role).chatModel as ChatBedrockConverse).client;
}

describe("forRole caches", () => {
  test("the same role with the same settings returns the same provider and chat model", () => {
    const factory = new ProviderFactory({ env: { ...ENV } });
    for (const role of Object.values(AgentRole)) expect(factory.forRole(role)).toBe(factory.forRole(role));
    expect(factory.runnableFor(AgentRole.RAG)).toBe(factory.forRole(AgentRole.RAG).chatModel);
    expect(factory.runnableFor(AgentRole.CAG)).toBe(factory.runnableFor(AgentRole.CAG));
  });

  test("roles on the same model keep their own providers but share one Bedrock client", () => {
    const factory = new ProviderFactory({ env: { ...ENV } });
    const haikuRoles: ChatAgentRole[] = [AgentRole.ORCHESTRATOR_GUIDE, AgentRole.CAG, AgentRole.DIRECT];
    const providers = haikuRoles.map((role) => factory.forRole(role));
    expect(providers.map((provider) => provider.model)).toEqual(Array(3).fill("anthropic.claude-3-haiku-20240307-v1:0"));
    expect(new Set(providers).size).toBe(3);
    const client = bedrockClientOf(factory, AgentRole.ORCHESTRATOR_ANALYSIS);
    for (const role of haikuRoles) expect(bedrockClientOf(factory, role)).toBe(client);
  });

  test("analysis (Sonnet) and guide (Haiku) are two cached roles: switching between them builds nothing new", () => {
    const factory = new ProviderFactory({ env: { ...ENV } });
    const analysis = factory.forRole(AgentRole.ORCHESTRATOR_ANALYSIS);
    const guide = factory.forRole(AgentRole.ORCHESTRATOR_GUIDE);
    expect([analysis.model, guide.model]).toEqual(["anthropic.claude-3-5-sonnet-20241022-v2:0", "anthropic.claude-3-haiku-20240307-v1:0"]);
    expect(factory.forRole(AgentRole.ORCHESTRATOR_ANALYSIS)).toBe(analysis);
    expect(factory.forRole(AgentRole.ORCHESTRATOR_GUIDE)).toBe(guide);
  });

  test("other settings give another provider; going back returns the first one", () => {
    const env: Record<string, string | undefined> = { ...ENV };
    const factory = new ProviderFactory({ env });
    const first = factory.forRole(AgentRole.RAG);
    env.DEFAULT_RAG_MODEL = "gpt-4o";
    const second = factory.forRole(AgentRole.RAG);
    expect(second).not.toBe(first);
    expect(second.model).toBe("gpt-4o");
    env.OPENAI_BASE_URL = "http://127.0.0.1:10/v1";
    expect(factory.forRole(AgentRole.RAG)).not.toBe(second);
    env.DEFAULT_RAG_MODEL = undefined;
    env.OPENAI_BASE_URL = ENV.OPENAI_BASE_URL;
    expect(factory.forRole(AgentRole.RAG)).toBe(first);
  });

  test("another Bedrock endpoint or region gets its own client", () => {
    const env: Record<string, string | undefined> = { ...ENV };
    const factory = new ProviderFactory({ env });
    const first = bedrockClientOf(factory, AgentRole.CAG);
    env.AWS_REGION = "eu-west-1";
    const otherRegion = bedrockClientOf(factory, AgentRole.CAG);
    expect(otherRegion).not.toBe(first);
    expect(bedrockClientOf(factory, AgentRole.DIRECT)).toBe(otherRegion);
    env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = "http://127.0.0.1:10";
    expect(bedrockClientOf(factory, AgentRole.CAG)).not.toBe(otherRegion);
    env.AWS_REGION = ENV.AWS_REGION;
    env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = ENV.AWS_ENDPOINT_URL_BEDROCK_RUNTIME;
    expect(bedrockClientOf(factory, AgentRole.CAG)).toBe(first);
  });

  test("two factories share nothing", () => {
    const a = new ProviderFactory({ env: { ...ENV } });
    const b = new ProviderFactory({ env: { ...ENV } });
    expect(a.forRole(AgentRole.RAG)).not.toBe(b.forRole(AgentRole.RAG));
    expect(bedrockClientOf(a, AgentRole.CAG)).not.toBe(bedrockClientOf(b, AgentRole.CAG));
    expect(a.tracker).not.toBe(b.tracker);
  });
});

describe("runnableFor", () => {
  test.each([
    [AgentRole.RAG, ChatOpenAI],
    [AgentRole.HYBRID, ChatOpenAI],
    [AgentRole.ORCHESTRATOR_ANALYSIS, ChatBedrockConverse],
    [AgentRole.DIRECT, ChatBedrockConverse],
  ])("%s is the provider's own chat model with the tracker, metadata.role and the role tag", (role, chatClass) => {
    const tracker = new CostTracker();
    const factory = new ProviderFactory({ env: { ...ENV }, tracker });
    const model = factory.runnableFor(role);
    expect(model).toBeInstanceOf(chatClass);
    expect(model).toBeInstanceOf(BaseChatModel);
    expect(model).not.toBeInstanceOf(RunnableBinding);
    expect(model.metadata?.role).toBe(role);
    expect(model.tags).toEqual([`role:${role}`]);
    expect(model.callbacks).toEqual([tracker]);
    expect(factory.tracker).toBe(tracker);
  });

  test("the embeddings provider records into the factory's tracker", () => {
    const factory = new ProviderFactory({ env: { ...ENV } });
    const embeddings = factory.forRole(AgentRole.EMBEDDINGS);
    expect(embeddings.tracker).toBe(factory.tracker);
    expect(embeddings.model).toBe("text-embedding-3-large");
  });
});

describe("defaults", () => {
  const saved = process.env.DEFAULT_RAG_MODEL;
  afterEach(() => {
    if (saved === undefined) delete process.env.DEFAULT_RAG_MODEL;
    else process.env.DEFAULT_RAG_MODEL = saved;
  });

  test("a factory without options reads process.env and has its own CostTracker", () => {
    process.env.DEFAULT_RAG_MODEL = "gpt-4o-mini";
    const factory = new ProviderFactory();
    expect(factory.modelFor(AgentRole.RAG)).toBe("gpt-4o-mini");
    expect(factory.tracker).toBeInstanceOf(CostTracker);
    expect(factory.tracker.calls).toEqual([]);
  });

  test("getProviderFactory is one process-wide factory on process.env", () => {
    const factory = getProviderFactory();
    expect(getProviderFactory()).toBe(factory);
    process.env.DEFAULT_RAG_MODEL = "gpt-4o";
    expect(factory.modelFor(AgentRole.RAG)).toBe("gpt-4o");
  });
});

describe("ProviderFactory and secrets", () => {
  it("never shows its variables when stringified or inspected", () => {
    const factory = new ProviderFactory({ env: { OPENAI_API_KEY: "sk-factory-secret-77", USE_ONEPASSWORD: "false" } });
    factory.forRole(AgentRole.RAG);
    expect(JSON.stringify(factory)).not.toContain("sk-factory-secret-77");
    expect(inspect(factory, { depth: 6 })).not.toContain("sk-factory-secret-77");
  });
});
