import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { AgentRole, ProviderFactory } from "../../src/factory";
import { useOfflineServers } from "../helpers/stand-ins";

const weather = tool(async ({ city }: { city: string }) => `Sunny in ${city}`, {
  name: "get_weather",
  description: "Current weather in a city",
  schema: z.object({ city: z.string() }),
});

const Forecast = z.object({ city: z.string(), celsius: z.number(), sunny: z.boolean() });

const servers = useOfflineServers();
let factory: ProviderFactory;

beforeEach(() => {
  factory = new ProviderFactory({ env: servers.env });
});

function body(request: { body: unknown } | undefined): Record<string, unknown> {
  return request?.body as Record<string, unknown>;
}

describe("bindTools through runnableFor", () => {
  test("OpenAI (rag, gpt-4-turbo): the tool is sent, the call comes back parsed, the call is priced under its role", async () => {
    servers.openai.reply({ toolCalls: [{ name: "get_weather", args: { city: "Paris" }, id: "call_1" }], usage: { inputTokens: 100, outputTokens: 20 } });
    const reply = await factory.runnableFor(AgentRole.RAG).bindTools([weather]).invoke("Weather in Paris?");
    expect(reply.tool_calls).toEqual([{ name: "get_weather", args: { city: "Paris" }, id: "call_1", type: "tool_call" }]);
    const tools = body(servers.openai.requests[0]).tools as { function: { name: string } }[];
    expect(tools.map((entry) => entry.function.name)).toEqual(["get_weather"]);
    const [call] = factory.tracker.calls;
    expect([call?.role, call?.model, call?.tokensInput, call?.tokensOutput]).toEqual(["rag", "gpt-4-turbo-2024-04-09", 100, 20]);
    expect(call?.cost).toBeCloseTo((100 * 10 + 20 * 30) / 1e6, 12);
  });

  test("Bedrock (direct, Claude 3 Haiku): the tool is sent as a toolSpec, the call comes back parsed and priced", async () => {
    servers.bedrock.reply({ toolCalls: [{ name: "get_weather", args: { city: "Oslo" }, id: "tooluse_1" }], usage: { inputTokens: 200, outputTokens: 30 } });
    const reply = await factory.runnableFor(AgentRole.DIRECT).bindTools([weather]).invoke("Weather in Oslo?");
    expect(reply.tool_calls).toEqual([{ name: "get_weather", args: { city: "Oslo" }, id: "tooluse_1", type: "tool_call" }]);
    const toolConfig = body(servers.bedrock.requests[0]).toolConfig as { tools: { toolSpec: { name: string } }[] };
    expect(toolConfig.tools.map((entry) => entry.toolSpec.name)).toEqual(["get_weather"]);
    const [call] = factory.tracker.calls;
    expect([call?.role, call?.model, call?.tokensInput, call?.tokensOutput]).toEqual(["direct", "anthropic.claude-3-haiku-20240307-v1:0", 200, 30]);
    expect(call?.cost).toBeCloseTo((200 * 0.25 + 30 * 1.25) / 1e6, 12);
  });
});

describe("withStructuredOutput through runnableFor", () => {
  test("OpenAI (hybrid, gpt-4o): a json_schema response is parsed into the zod type", async () => {
    servers.openai.reply({ text: JSON.stringify({ city: "Rome", celsius: 24.5, sunny: true }) });
    const forecast = await factory.runnableFor(AgentRole.HYBRID).withStructuredOutput(Forecast, { name: "forecast" }).invoke("Rome?");
    expect(forecast).toEqual({ city: "Rome", celsius: 24.5, sunny: true });
    const format = body(servers.openai.requests[0]).response_format as { type: string; json_schema: { name: string } };
    expect([format.type, format.json_schema.name]).toEqual(["json_schema", "forecast"]);
    expect(factory.tracker.calls.map((call) => call.role)).toEqual(["hybrid"]);
  });

  test("Bedrock (orchestrator_analysis, Sonnet): a forced tool call is parsed into the zod type", async () => {
    servers.bedrock.reply({ toolCalls: [{ name: "forecast", args: { city: "Lima", celsius: 18, sunny: false } }] });
    const forecast = await factory.runnableFor(AgentRole.ORCHESTRATOR_ANALYSIS).withStructuredOutput(Forecast, { name: "forecast" }).invoke("Lima?");
    expect(forecast).toEqual({ city: "Lima", celsius: 18, sunny: false });
    const toolConfig = body(servers.bedrock.requests[0]).toolConfig as { tools: { toolSpec: { name: string } }[]; toolChoice: unknown };
    expect(toolConfig.tools.map((entry) => entry.toolSpec.name)).toEqual(["forecast"]);
    expect(toolConfig.toolChoice).toEqual({ tool: { name: "forecast" } });
    expect(factory.tracker.calls.map((call) => call.role)).toEqual(["orchestrator_analysis"]);
  });

  test("the chat model pipes like any runnable: .pipe() keeps the role's attribution", async () => {
    servers.bedrock.reply({ text: "piped" });
    const chain = factory.runnableFor(AgentRole.CAG).pipe((message) => message.text.toUpperCase());
    expect(await chain.invoke("hello")).toBe("PIPED");
    expect(factory.tracker.calls.map((call) => call.role)).toEqual(["cag"]);
  });
});
