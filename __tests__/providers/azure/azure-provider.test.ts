import { inspect } from "node:util";
import { AzureChatOpenAI } from "@langchain/openai";
import { ConfigurationError, InputError, ProviderError, UnknownModelPricingError } from "../../../src/errors";
import { AzureOpenAIChatModel } from "../../../src/providers/azure/azure-chat-model";
import { AzureOpenAIProvider, type AzureOpenAIProviderSettings } from "../../../src/providers/azure/azure-provider";
import { toBaseMessages } from "../../../src/messages";
import { CostTracker } from "../../../src/tracking/cost-tracker";
import { DEFAULT_RESERVE_OUTPUT_TOKENS } from "../../../src/tracking/tracker-options";
import { inputTokensAtMost } from "../../../src/tracking/worst-case";
import { rejectionOf } from "../../helpers/rejection";
import { useOpenAIStandIn } from "../../helpers/stand-ins";

const KEY = "azure-test-key-0123456789";
/** USD per 1M tokens from OpenAI's price page (Azure's Global rates). */
const GPT_4O = { input: 2.5, cacheRead: 1.25, output: 10 };
const GPT_4O_MINI = { input: 0.15, output: 0.6 };
const M = 1_000_000;
const messages = [{ role: "user" as const, content: "Where is my order?" }];
/** cl100k_base (GPT-3.5) and o200k_base (what an unknown id is counted with) split this text differently. */
const japanese = [{ role: "user" as const, content: "注文した商品はいつ届きますか？配送状況を詳しく教えてください。" }];

const server = useOpenAIStandIn({ apiKey: KEY, azureDeployments: { "chat-prod": "gpt-4o", "mini-eu": "gpt-4o-mini", "legacy-35": "gpt-3.5-turbo" } });

function azureAt(settings: Partial<AzureOpenAIProviderSettings> = {}): AzureOpenAIProvider {
  return new AzureOpenAIProvider({ deployment: "chat-prod", deployments: { "chat-prod": "gpt-4o" }, endpoint: server.url, apiKey: KEY, maxRetries: 0, ...settings });
}

describe("AzureOpenAIProvider against the Azure route of the OpenAI stand-in", () => {
  test("calls /openai/deployments/<deployment>/chat/completions with the api-key header; priced by the model Azure reports", async () => {
    server.reply({ text: "Today.", usage: { inputTokens: 1000, cacheReadTokens: 400, outputTokens: 50 } });
    const result = await azureAt().complete({ messages });
    const [request] = server.requests;
    expect([request?.path, request?.query, request?.modelId, request?.headers["api-key"]]).toEqual(["/openai/deployments/chat-prod/chat/completions", { "api-version": "2024-10-21" }, "chat-prod", "***"]);
    expect([result.provider, result.model, result.content, result.tokensInput, result.tokensOutput]).toEqual(["azure", "gpt-4o-2024-08-06", "Today.", 1000, 50]);
    expect(result.pricedWith).toMatchObject({ source: "built-in", model: "gpt-4o-2024-08-06" });
    expect(result.cost).toBeCloseTo((600 * GPT_4O.input + 400 * GPT_4O.cacheRead + 50 * GPT_4O.output) / M, 15);
  });

  test("an answer naming a model no table knows is priced by the model the deployment serves (the mapping)", async () => {
    server.reply({ text: "Hi", model: "gpt-4o-mini-azure-custom-2099-01-01", usage: { inputTokens: 100, outputTokens: 10 } });
    const result = await azureAt({ deployment: "mini-eu", deployments: { "mini-eu": "gpt-4o-mini" } }).complete({ messages });
    expect([result.model, result.pricedWith?.model]).toEqual(["gpt-4o-mini-azure-custom-2099-01-01", "gpt-4o-mini"]);
    expect(result.cost).toBeCloseTo((100 * GPT_4O_MINI.input + 10 * GPT_4O_MINI.output) / M, 15);
  });

  test("a deployment whose model cannot be priced is refused at construction, naming the deployment and the mapping to add", () => {
    let error: unknown;
    try {
      new AzureOpenAIProvider({ deployment: "team-chat", endpoint: server.url, apiKey: KEY });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnknownModelPricingError);
    expect((error as UnknownModelPricingError).model).toBe("team-chat");
    expect((error as Error).message).toContain('Azure OpenAI deployment "team-chat"');
    expect((error as Error).message).toContain('{ deployments: { "team-chat": "gpt-4o" } }');
    expect((error as Error).message).toContain('AZURE_OPENAI_DEPLOYMENTS="team-chat=gpt-4o"');
    // A deployment named after its model, `model`, or a price row for it, each make it priceable.
    expect(new AzureOpenAIProvider({ deployment: "gpt-4o", endpoint: server.url, apiKey: KEY }).model).toBe("gpt-4o");
    expect(new AzureOpenAIProvider({ deployment: "team-chat", model: "gpt-4o", endpoint: server.url, apiKey: KEY }).deploymentModel).toBe("gpt-4o");
    expect(new AzureOpenAIProvider({ deployment: "team-chat", pricing: { "team-chat": { input: 1, output: 2 } }, endpoint: server.url, apiKey: KEY }).model).toBe("team-chat");
  });

  test.each([
    ["global", 1],
    ["data-zone", 1.1],
    ["regional", 1.1],
  ] as const)("a %s deployment is priced at %d× the Global rates", async (deploymentType, factor) => {
    server.reply({ text: "Hi", usage: { inputTokens: 2000, outputTokens: 300 } });
    const result = await azureAt({ deploymentType }).complete({ messages });
    expect(result.cost).toBeCloseTo((factor * (2000 * GPT_4O.input + 300 * GPT_4O.output)) / M, 15);
    expect(result.pricedWith?.premium).toEqual(factor === 1 ? undefined : { name: deploymentType, factor });
  });

  test("a custom price row is taken as it is, without the deployment type's premium", async () => {
    server.reply({ text: "Hi", model: "unlisted-model", usage: { inputTokens: 1000, outputTokens: 100 } });
    const result = await azureAt({ deploymentType: "data-zone", pricing: { "chat-prod": { input: 2, output: 8 } } }).complete({ messages });
    expect(result.pricedWith).toEqual({ source: "custom", model: "chat-prod" });
    expect(result.cost).toBeCloseTo((1000 * 2 + 100 * 8) / M, 15);
  });

  test("streams deltas, then the result priced from the stream's usage", async () => {
    server.reply({ text: "It ships today.", usage: { inputTokens: 30, outputTokens: 5 } });
    const chunks = [];
    for await (const chunk of azureAt().stream({ messages })) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.content).join("")).toBe("It ships today.");
    const result = chunks.at(-1)?.result;
    expect([result?.provider, result?.tokensInput, result?.tokensOutput, result?.estimated]).toEqual(["azure", 30, 5, false]);
    expect(chunks.reduce((sum, chunk) => sum + chunk.tokensOutput, 0)).toBe(5);
  });

  test("the key comes from AZURE_OPENAI_API_KEY (resolveSecret), the endpoint and version from their variables", async () => {
    server.reply({ text: "Hi" });
    const env = { AZURE_OPENAI_API_KEY: KEY, AZURE_OPENAI_ENDPOINT: `${server.url}/`, AZURE_OPENAI_API_VERSION: "2025-01-01-preview", USE_ONEPASSWORD: "false" };
    const result = await new AzureOpenAIProvider({ deployment: "chat-prod", deployments: { "chat-prod": "gpt-4o" }, env, maxRetries: 0 }).complete({ messages });
    expect(result.content).toBe("Hi");
    expect([server.requests[0]?.path, server.requests[0]?.query]).toEqual(["/openai/deployments/chat-prod/chat/completions", { "api-version": "2025-01-01-preview" }]);
  });

  test("a wrong key is Azure's 401, a ProviderError that is not retryable; a missing api-version is refused by the route", async () => {
    const error = await rejectionOf(azureAt({ apiKey: "wrong-key-0123456789" }).complete({ messages }), ProviderError);
    expect([error.provider, error.model, error.status, error.retryable]).toEqual(["azure", "chat-prod", 401, false]);
    expect(error.message).toContain("Access denied due to invalid subscription key");
    const response = await fetch(`${server.url}/openai/deployments/chat-prod/chat/completions`, { method: "POST", headers: { "api-key": KEY, "content-type": "application/json" }, body: "{}" });
    expect([response.status, await response.json()]).toEqual([404, { error: { code: "404", message: "Resource not found" } }]);
  });

  test("a deployment the resource does not have is Azure's 404 DeploymentNotFound", async () => {
    const error = await rejectionOf(azureAt({ deployment: "gpt-4o" }).complete({ messages }), ProviderError);
    expect([error.status, error.retryable]).toEqual([404, false]);
    expect(error.message).toContain("The API deployment for this resource does not exist");
  });

  test("a throttled call is a retryable ProviderError with status 429", async () => {
    server.reply({ error: { status: 429, retryAfterSeconds: 1 } });
    const error = await rejectionOf(azureAt().complete({ messages }), ProviderError);
    expect([error.provider, error.status, error.retryable]).toEqual(["azure", 429, true]);
  });

  test("the chat model is the real AzureChatOpenAI, recorded under azure by a tracker, showing no key", async () => {
    const tracker = new CostTracker();
    const provider = azureAt({ tracker });
    expect(provider.chatModel).toBeInstanceOf(AzureChatOpenAI);
    expect(provider.chatModel).toBeInstanceOf(AzureOpenAIChatModel);
    server.reply({ text: "Hi", usage: { inputTokens: 10, outputTokens: 2 } });
    await provider.chatModel.invoke("Hello");
    expect(tracker.calls.map((call) => [call.provider, call.model, call.requestedModel])).toEqual([["azure", "gpt-4o-2024-08-06", "chat-prod"]]);
    const bound = provider.chatModel.bindTools([{ type: "function", function: { name: "noop", parameters: { type: "object", properties: {} } } }]);
    expect(bound).toBeInstanceOf(AzureOpenAIChatModel);
    for (const shown of [JSON.stringify(provider), JSON.stringify(provider.chatModel), inspect(provider, { depth: 8 }), inspect(provider.chatModel, { depth: 8 })]) {
      expect(shown).not.toContain(KEY);
    }
    expect(inspect(provider.chatModel)).toBe("AzureOpenAIChatModel { provider: 'azure', model: 'chat-prod' }");
  });

  test("counts tokens as the model the deployment serves", () => {
    const provider = azureAt({ deployment: "legacy", deployments: { legacy: "gpt-4-turbo" } });
    const asTurbo = azureAt({ deployment: "gpt-4-turbo", deployments: {} }).countTokens({ messages, completion: "Today, by noon." });
    expect(provider.countTokens({ messages, completion: "Today, by noon." })).toEqual(asTurbo);
    expect(asTurbo.exact).toBe(true);
  });

  test("bad settings are refused before any request", () => {
    expect(() => azureAt({ deployment: " " })).toThrow(InputError);
    expect(() => azureAt({ deploymentType: "zonal" as never })).toThrow(InputError);
    expect(() => azureAt({ azureADTokenProvider: async () => "token" })).toThrow(InputError);
    expect(() => new AzureOpenAIProvider({ deployment: "gpt-4o", env: {} })).toThrow(ConfigurationError);
  });

  test("a deployment's text is counted as the model it serves: a cut stream's estimate and the budget's reservation", async () => {
    const tracker = new CostTracker({ budgetUsd: 10 });
    const provider = azureAt({ deployment: "legacy-35", deployments: { "legacy-35": "gpt-3.5-turbo" }, tracker });
    const counted = provider.countTokens({ messages: japanese }).input;
    expect(counted).not.toBe(new AzureOpenAIProvider({ deployment: "gpt-4o", endpoint: server.url, apiKey: KEY }).countTokens({ messages: japanese }).input);
    server.reply({ text: "one two three four five six", cutAfterChunks: 2 });
    await expect(async () => {
      for await (const _ of provider.stream({ messages: japanese })) void _;
    }).rejects.toThrow(ProviderError);
    const [call] = tracker.calls;
    expect([call?.estimated, call?.tokensInput]).toEqual([true, counted]);
    expect(inputTokensAtMost({ provider: "azure", requestedModel: "legacy-35", countingModel: "gpt-3.5-turbo", prompt: toBaseMessages(japanese), prices: provider.prices })).toBe(counted);
  });

  test("a deployment's chat model used directly (a LangGraph node) is counted the same way: reservation and estimate", async () => {
    const tracker = new CostTracker({ budgetUsd: 10 });
    const provider = azureAt({ deployment: "legacy-35", deployments: { "legacy-35": "gpt-3.5-turbo" } });
    const counted = provider.countTokens({ messages: japanese }).input;
    server.reply({ text: "one two three four five six", cutAfterChunks: 2 });
    let reserved: number | undefined;
    await expect(async () => {
      for await (const _ of await provider.chatModel.stream(toBaseMessages(japanese), { callbacks: [tracker] })) reserved ??= tracker.totals().reservedUsd;
    }).rejects.toThrow(ProviderError);
    // gpt-3.5-turbo: $0.50 in, $1.50 out per 1M tokens; the output reserved is the tracker's default.
    expect(reserved).toBeCloseTo((counted * 0.5 + DEFAULT_RESERVE_OUTPUT_TOKENS * 1.5) / M, 15);
    const [call] = tracker.calls;
    expect([call?.estimated, call?.tokensInput]).toEqual([true, counted]);
  });
});

describe("Microsoft Entra ID", () => {
  const entra = useOpenAIStandIn({ azureADToken: "entra-token-0123456789" });

  test("azureADTokenProvider's token is sent as the bearer token, and no api-key header", async () => {
    entra.reply({ text: "Hi" });
    let asked = 0;
    const provider = new AzureOpenAIProvider({ deployment: "gpt-4o", endpoint: entra.url, maxRetries: 0, azureADTokenProvider: async () => (asked++, "entra-token-0123456789") });
    expect((await provider.complete({ messages })).content).toBe("Hi");
    expect(asked).toBe(1);
    expect(entra.requests[0]?.headers.authorization).toBe("***");
    expect(entra.requests[0]?.headers["api-key"]).toBeUndefined();
  });

});
