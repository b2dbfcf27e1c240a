import { HumanMessage } from "@langchain/core/messages";
import { AzureChatOpenAI } from "@langchain/openai";
import { ConfigurationError, UnknownModelPricingError } from "../../../src/errors";
import { AgentRole, ProviderFactory } from "../../../src/factory";
import { AzureOpenAIEmbeddingsProvider } from "../../../src/providers/azure/azure-embeddings";
import { FallbackChatModel } from "../../../src/providers/fallback/fallback-chat-model";
import { useOpenAIStandIn } from "../../helpers/stand-ins";

const KEY = "azure-test-key-0123456789";
/** One stand-in as OpenAI and as the Azure resource, whose deployments serve these models. */
const openai = useOpenAIStandIn({ azureDeployments: { "rag-prod": "gpt-4o", embed: "text-embedding-3-large" } });
const servers = { openai };

/** Variables pointing OpenAI and Azure at the stand-in, the deployments' models given. */
function azureEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    OPENAI_BASE_URL: `${openai.url}/v1`,
    OPENAI_API_KEY: "sk-offline",
    AZURE_OPENAI_ENDPOINT: openai.url,
    AZURE_OPENAI_API_KEY: KEY,
    AZURE_OPENAI_DEPLOYMENTS: "rag-prod=gpt-4o, embed=text-embedding-3-large",
    USE_ONEPASSWORD: "false",
    ...extra,
  };
}

describe("Azure OpenAI embeddings", () => {
  test("go to /openai/deployments/<deployment>/embeddings, priced from the response's usage by the model it reports", async () => {
    const embeddings = new AzureOpenAIEmbeddingsProvider({ deployment: "embed", deployments: { embed: "text-embedding-3-large" }, endpoint: servers.openai.url, apiKey: KEY, maxRetries: 0, deploymentType: "data-zone" });
    const result = await embeddings.embed({ texts: ["refund policy", "shipping times"] });
    expect([servers.openai.requests[0]?.path, servers.openai.requests[0]?.headers["api-key"]]).toEqual(["/openai/deployments/embed/embeddings", "***"]);
    expect([result.provider, result.model, result.embeddings.length, result.dimensions]).toEqual(["azure", "text-embedding-3-large", 2, 3072]);
    expect(result.tokensInput).toBeGreaterThan(0);
    expect(result.cost).toBeCloseTo((1.1 * result.tokensInput * 0.13) / 1e6, 15);
    expect(await embeddings.embedQuery("refund policy")).toEqual(result.embeddings[0]);
  });
});

describe("the factory's azure:<deployment> ids", () => {
  test("any role can be served by Azure: DEFAULT_RAG_MODEL=azure:rag-prod is the real AzureChatOpenAI, priced as the deployment's model, recorded under azure", async () => {
    const factory = new ProviderFactory({ env: azureEnv({ DEFAULT_RAG_MODEL: "azure:rag-prod" }) });
    expect(factory.modelFor(AgentRole.RAG)).toBe("rag-prod");
    const model = factory.runnableFor(AgentRole.RAG);
    expect(model).toBeInstanceOf(AzureChatOpenAI);
    servers.openai.reply({ text: "From Azure.", usage: { inputTokens: 200, outputTokens: 20 } });
    expect((await model.invoke([new HumanMessage("Refunds?")])).text).toBe("From Azure.");
    expect(servers.openai.requests[0]?.path).toBe("/openai/deployments/rag-prod/chat/completions");
    const [call] = factory.tracker.calls;
    expect([call?.provider, call?.role, call?.model, call?.requestedModel]).toEqual(["azure", "rag", "gpt-4o-2024-08-06", "rag-prod"]);
    expect(call?.cost).toBeCloseTo((200 * 2.5 + 20 * 10) / 1e6, 15);
  });

  test("AZURE_OPENAI_DEPLOYMENT_TYPE prices the factory's deployments at their type's rates", async () => {
    const factory = new ProviderFactory({ env: azureEnv({ DEFAULT_RAG_MODEL: "azure:rag-prod", AZURE_OPENAI_DEPLOYMENT_TYPE: "regional" }) });
    servers.openai.reply({ text: "From Azure.", usage: { inputTokens: 200, outputTokens: 20 } });
    const result = await factory.forRole(AgentRole.RAG).complete({ messages: [{ role: "user", content: "Refunds?" }] });
    expect(result.cost).toBeCloseTo((1.1 * (200 * 2.5 + 20 * 10)) / 1e6, 15);
    expect(result.pricedWith?.premium).toEqual({ name: "regional", factor: 1.1 });
  });

  test("the embeddings role on an Azure deployment of an embeddings model", async () => {
    const factory = new ProviderFactory({ env: azureEnv({ DEFAULT_EMBEDDING_MODEL: "azure:embed" }) });
    const embeddings = factory.forRole(AgentRole.EMBEDDINGS);
    expect(embeddings).toBeInstanceOf(AzureOpenAIEmbeddingsProvider);
    await embeddings.embed({ texts: ["hello"] });
    expect(factory.tracker.calls.map((call) => [call.provider, call.role, call.model])).toEqual([["azure", "embeddings", "text-embedding-3-large"]]);
  });

  test("Azure in a fallback chain: a throttled deployment falls back to OpenAI", async () => {
    const factory = new ProviderFactory({ env: azureEnv({ DEFAULT_HYBRID_MODEL: "azure:rag-prod,gpt-4o-mini" }), maxRetries: 0 });
    const model = factory.runnableFor(AgentRole.HYBRID);
    expect(model).toBeInstanceOf(FallbackChatModel);
    servers.openai.reply({ error: { status: 429 } });
    servers.openai.reply({ text: "From OpenAI." });
    expect((await model.invoke([new HumanMessage("hi")])).text).toBe("From OpenAI.");
    expect(servers.openai.requests.map((request) => request.path)).toEqual(["/openai/deployments/rag-prod/chat/completions", "/v1/chat/completions"]);
    expect(factory.tracker.calls.map((call) => [call.provider, call.fellBackFrom])).toEqual([["openai", ["azure:rag-prod"]]]);
  });

  test("an unmapped deployment's error names the deployment and the variable to set, its cause the UnknownModelPricingError", () => {
    const factory = new ProviderFactory({ env: azureEnv({ DEFAULT_RAG_MODEL: "azure:my-gpt4o" }) });
    let error = new Error("forRole did not throw");
    try {
      factory.forRole(AgentRole.RAG);
    } catch (caught) {
      error = caught as Error;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      'Role rag: DEFAULT_RAG_MODEL is "azure:my-gpt4o": Azure OpenAI deployment "my-gpt4o" has no price: its name is not a model id the package prices, ' +
        "and AZURE_OPENAI_DEPLOYMENTS does not say which model it serves. " +
        'Set AZURE_OPENAI_DEPLOYMENTS="my-gpt4o=gpt-4o" (deployment=model pairs, comma-separated: the model the deployment serves), ' +
        'or give the factory a tracker that prices it: new CostTracker({ pricing: { "my-gpt4o": { input: …, output: … } } }).',
    );
    expect(error.message).not.toContain("gpt-4-turbo");
    expect(error.cause).toBeInstanceOf(UnknownModelPricingError);
    expect((error.cause as UnknownModelPricingError).model).toBe("my-gpt4o");
  });

  test.each([
    [{ DEFAULT_RAG_MODEL: "azure:embed" }, /an embeddings model, but this role needs a chat model/],
    [{ DEFAULT_RAG_MODEL: "azure:rag-prod", AZURE_OPENAI_DEPLOYMENTS: "rag-prod" }, /AZURE_OPENAI_DEPLOYMENTS is "rag-prod": "rag-prod" is not a deployment=model pair/],
    [{ DEFAULT_RAG_MODEL: "azure:rag-prod", AZURE_OPENAI_DEPLOYMENT_TYPE: "zonal" }, /AZURE_OPENAI_DEPLOYMENT_TYPE is "zonal": use global, data-zone, regional/],
    [{ DEFAULT_EMBEDDING_MODEL: "azure:embed,text-embedding-3-small" }, /a fallback chain, but embeddings of different models are not comparable/],
    [{ DEFAULT_DIRECT_MODEL: "gpt-4o,,gpt-4o-mini" }, /DEFAULT_DIRECT_MODEL is "gpt-4o,,gpt-4o-mini": entry 2 of its fallback chain \(""\): no model id/],
  ])("a bad setting %j is a ConfigurationError naming what to fix", (extra, message) => {
    const factory = new ProviderFactory({ env: azureEnv(extra) });
    const role = "DEFAULT_EMBEDDING_MODEL" in extra ? AgentRole.EMBEDDINGS : "DEFAULT_DIRECT_MODEL" in extra ? AgentRole.DIRECT : AgentRole.RAG;
    expect(() => factory.forRole(role)).toThrow(ConfigurationError);
    expect(() => factory.forRole(role)).toThrow(message);
  });
});

