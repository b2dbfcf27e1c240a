import { AIMessageChunk, HumanMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { ProviderError } from "../../src/errors";
import { AgentRole, ProviderFactory } from "../../src/factory";
import { respondGraph } from "../helpers/respond-graph";
import { useOfflineServers } from "../helpers/stand-ins";

const HAIKU_ID = "us.anthropic.claude-3-haiku-20240307-v1:0";
const THROTTLED = { error: { status: 429, type: "ThrottlingException" } };
const servers = useOfflineServers();

/** DIRECT: Claude 3 Haiku on Bedrock, then gpt-4o-mini on OpenAI; no retries, so each failure is one request. */
function chainFactory(): ProviderFactory {
  return new ProviderFactory({ env: { ...servers.env, DEFAULT_DIRECT_MODEL: `${HAIKU_ID},gpt-4o-mini` }, maxRetries: 0 });
}

const question = [new HumanMessage("Where is my order?")];

/** Reads a stream to its end or its error. */
async function drain(stream: AsyncIterable<AIMessageChunk>): Promise<{ text: string; chunks: number; error?: unknown }> {
  let text = "";
  let chunks = 0;
  try {
    for await (const chunk of stream) {
      text += chunk.text;
      chunks += 1;
    }
  } catch (error) {
    return { text, chunks, error };
  }
  return { text, chunks };
}

function body(request: { body: unknown } | undefined): Record<string, unknown> {
  return request?.body as Record<string, unknown>;
}

describe("streams through a fallback chain", () => {
  test.each([
    ["the connection reset before any byte", { dropConnection: "reset" as const }],
    ["throttled", THROTTLED],
  ])("a stream that fails before its first chunk (%s) falls back to the next model", async (_, fault) => {
    const factory = chainFactory();
    servers.bedrock.reply(fault);
    servers.openai.reply({ text: "It ships today.", usage: { inputTokens: 40, outputTokens: 5 } });
    const { text, error } = await drain(await factory.runnableFor(AgentRole.DIRECT).stream(question));
    expect(error).toBeUndefined();
    expect(text).toBe("It ships today.");
    expect(servers.bedrock.requests.map((request) => request.operation)).toEqual(["converse-stream"]);
    expect(servers.openai.requests).toHaveLength(1);
    expect(factory.tracker.calls.map((call) => [call.provider, call.tokensOutput, call.estimated])).toEqual([["openai", 5, false]]);
  });

  test("a stream cut after its first chunks does not fall back; what arrived is billed, as estimated", async () => {
    const factory = chainFactory();
    servers.bedrock.reply({ text: "The parcel left the depot this morning and", cutAfterChunks: 3 });
    const { chunks, error } = await drain(await factory.runnableFor(AgentRole.DIRECT).stream(question));
    expect(chunks).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(ProviderError);
    expect([(error as ProviderError).provider, (error as ProviderError).reason]).toEqual(["bedrock", "stream"]);
    expect(servers.openai.requests).toEqual([]);
    const [call] = factory.tracker.calls;
    expect([call?.provider, call?.estimated, call?.fellBackFrom]).toEqual(["bedrock", true, undefined]);
    expect(call!.cost).toBeGreaterThan(0);
  });

  test("LangGraph's messages stream carries the answering model's tokens, under the node, the call attributed to it", async () => {
    const factory = chainFactory();
    const graph = respondGraph(factory.runnableFor(AgentRole.DIRECT));
    servers.bedrock.reply(THROTTLED);
    servers.openai.reply({ text: "It ships today, by noon." });
    const tokens: string[] = [];
    for await (const [message, metadata] of await graph.stream({ question: "Where is my order?" }, { streamMode: "messages", callbacks: [factory.tracker] })) {
      if (message instanceof AIMessageChunk && metadata.langgraph_node === "respond") tokens.push(message.text);
    }
    expect(tokens.filter((token) => token !== "").length).toBeGreaterThan(1);
    expect(tokens.join("")).toBe("It ships today, by noon.");
    expect(factory.tracker.calls.map((call) => [call.node, call.role, call.provider])).toEqual([["respond", "direct", "openai"]]);
  });
});

const weather = tool(async ({ city }: { city: string }) => `Sunny in ${city}`, {
  name: "get_weather",
  description: "Current weather in a city",
  schema: z.object({ city: z.string() }),
});
const Forecast = z.object({ city: z.string(), celsius: z.number() });

describe("tools and structured output across the chain", () => {
  test("bindTools binds the tools on every model: Bedrock is sent them as a toolSpec, OpenAI (which answers) as a function", async () => {
    const factory = chainFactory();
    servers.bedrock.reply(THROTTLED);
    servers.openai.reply({ toolCalls: [{ name: "get_weather", args: { city: "Oslo" }, id: "call_1" }] });
    const reply = await factory.runnableFor(AgentRole.DIRECT).bindTools([weather]).invoke("Weather in Oslo?");
    expect(reply.tool_calls).toEqual([{ name: "get_weather", args: { city: "Oslo" }, id: "call_1", type: "tool_call" }]);
    const toolConfig = body(servers.bedrock.requests[0]).toolConfig as { tools: { toolSpec: { name: string } }[] };
    expect(toolConfig.tools.map((entry) => entry.toolSpec.name)).toEqual(["get_weather"]);
    const tools = body(servers.openai.requests[0]).tools as { function: { name: string } }[];
    expect(tools.map((entry) => entry.function.name)).toEqual(["get_weather"]);
  });

  test("withStructuredOutput uses each model's own method: OpenAI's json_schema answer parsed after Bedrock's forced tool call failed", async () => {
    const factory = chainFactory();
    servers.bedrock.reply(THROTTLED);
    servers.openai.reply({ text: JSON.stringify({ city: "Lima", celsius: 18 }) });
    const forecast = await factory.runnableFor(AgentRole.DIRECT).withStructuredOutput(Forecast, { name: "forecast" }).invoke("Lima?");
    expect(forecast).toEqual({ city: "Lima", celsius: 18 });
    const bedrockTools = body(servers.bedrock.requests[0]).toolConfig as { toolChoice: unknown };
    expect(bedrockTools.toolChoice).toEqual({ tool: { name: "forecast" } });
    expect((body(servers.openai.requests[0]).response_format as { type: string }).type).toBe("json_schema");
    expect(factory.tracker.calls.map((call) => [call.provider, call.role])).toEqual([["openai", "direct"]]);
  });
});
