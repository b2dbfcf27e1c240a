import { ConverseCommand, ConverseStreamCommand, type ConverseStreamOutput } from "@aws-sdk/client-bedrock-runtime";
import { HumanMessage, SystemMessage, type AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { converseOutputTokens } from "../../src/testing";
import { useBedrockStandIn } from "../helpers/stand-ins";
import { bedrockClient, chatBedrock } from "./sdk-clients";

const server = useBedrockStandIn();

const SONNET = "anthropic.claude-3-5-sonnet-20241022-v2:0";
const getWeather = tool(async ({ city }: { city: string }) => `Sunny in ${city}`, {
  name: "get_weather",
  description: "Weather in a city",
  schema: z.object({ city: z.string() }),
});
const getTime = tool(async ({ zone }: { zone: string }) => `12:00 in ${zone}`, {
  name: "get_time",
  description: "The time in a time zone",
  schema: z.object({ zone: z.enum(["UTC", "CET"]) }),
});

const useId = expect.stringMatching(/^tooluse_standin_\d+$/);

describe("Bedrock stand-in: tools under automatic choice (ChatBedrockConverse)", () => {
  it("runs a tool loop of two turns: toolUse with schema-conforming input, then the toolResult is answered in text", async () => {
    const model = chatBedrock(server).bindTools([getWeather, getTime]);
    const messages: BaseMessage[] = [new HumanMessage("What should I wear tomorrow?")];
    const first = await model.invoke(messages);
    expect(first.tool_calls).toEqual([{ name: "get_weather", args: { city: "sample city" }, id: useId, type: "tool_call" }]);
    expect(first.response_metadata).toMatchObject({ stopReason: "tool_use" });
    expect(first.usage_metadata?.output_tokens).toBe(converseOutputTokens("", [{ name: "get_weather", input: { city: "sample city" } }]));
    expect((server.requests[0]!.body as { toolConfig: Record<string, unknown> }).toolConfig).not.toHaveProperty("toolChoice");

    messages.push(first, await getWeather.invoke(first.tool_calls![0]!));
    const second = await model.invoke(messages);
    expect(second.tool_calls).toEqual([]);
    expect(second.content).toBe("Stand-in reply to: What should I wear tomorrow?");
    expect(second.response_metadata).toMatchObject({ stopReason: "end_turn" });
    // each answer has its own request id, which LangChain makes the message id (LangGraph merges messages by id)
    expect([first.id, second.id]).toEqual([expect.stringMatching(/^00000000-0000-4000-8000-[0-9a-f]{12}$/), expect.any(String)]);
    expect(second.id).not.toBe(first.id);
    const sent = (server.requests[1]!.body as { messages: { role: string; content: Record<string, unknown>[] }[] }).messages;
    expect(sent.at(-1)).toMatchObject({ role: "user", content: [{ toolResult: { content: [{ text: "Sunny in sample city" }] } }] });
  });

  it("calls every tool the system and last user text name, in order; toolChoice any can make parallel calls too", async () => {
    const messages = [new SystemMessage("Use get_time first."), new HumanMessage("Then get_weather.")];
    const auto = await chatBedrock(server).bindTools([getWeather, getTime]).invoke(messages);
    expect(auto.tool_calls).toEqual([
      { name: "get_time", args: { zone: "UTC" }, id: useId, type: "tool_call" },
      { name: "get_weather", args: { city: "sample city" }, id: useId, type: "tool_call" },
    ]);
    const any = await chatBedrock(server).bindTools([getWeather, getTime], { tool_choice: "any" }).invoke(messages);
    expect(any.tool_calls?.map((call) => call.name)).toEqual(["get_time", "get_weather"]);
    expect((server.requests[1]!.body as { toolConfig: { toolChoice: unknown } }).toolConfig.toolChoice).toEqual({ any: {} });
  });

  it("answers in text when an assistant turn is last", async () => {
    const toolConfig = { tools: [{ toolSpec: { name: "get_time", inputSchema: { json: z.toJSONSchema(getTime.schema) as never } } }] };
    const question = { role: "user" as const, content: [{ text: "get_time?" }] };
    const userLast = await bedrockClient(server).send(new ConverseCommand({ modelId: SONNET, messages: [question], toolConfig }));
    expect(userLast.stopReason).toBe("tool_use");
    const messages = [question, { role: "assistant" as const, content: [{ text: "Let me" }] }];
    const response = await bedrockClient(server).send(new ConverseCommand({ modelId: SONNET, messages, toolConfig }));
    expect([response.stopReason, response.output?.message?.content]).toEqual(["end_turn", [{ text: "Stand-in reply to: get_time?" }]]);
  });

  it("lets a script ask for text with toolCalls: []", async () => {
    server.reply({ toolCalls: [] });
    const model = chatBedrock(server).bindTools([getWeather]);
    const scripted = await model.invoke("Weather?");
    expect([scripted.content, scripted.tool_calls]).toEqual(["Stand-in reply to: Weather?", []]);
    const unscripted = await model.invoke("Weather?");
    expect(unscripted.tool_calls?.map((call) => call.name)).toEqual(["get_weather"]);
  });
});

describe("Bedrock stand-in: streamed tool calls", () => {
  it("streams as ConverseStream does: contentBlockStart with id and name, input deltas, contentBlockStop, stopReason tool_use, usage", async () => {
    const response = await bedrockClient(server).send(
      new ConverseStreamCommand({
        modelId: SONNET,
        messages: [{ role: "user", content: [{ text: "get_time and get_weather" }] }],
        toolConfig: { tools: [getTime, getWeather].map((t) => ({ toolSpec: { name: t.name, inputSchema: { json: z.toJSONSchema(t.schema) as never } } })) },
      }),
    );
    const events: ConverseStreamOutput[] = [];
    for await (const event of response.stream!) events.push(event);
    const kinds = events.map((event) => Object.keys(event).find((key) => key !== "$unknown"));
    expect(kinds[0]).toBe("messageStart");
    expect(kinds.slice(-2)).toEqual(["messageStop", "metadata"]);
    const starts = events.flatMap((event) => (event.contentBlockStart === undefined ? [] : [event.contentBlockStart]));
    expect(starts).toEqual([
      { contentBlockIndex: 0, start: { toolUse: { toolUseId: useId, name: "get_time" } } },
      { contentBlockIndex: 1, start: { toolUse: { toolUseId: useId, name: "get_weather" } } },
    ]);
    const inputOf = (index: number) =>
      events
        .flatMap((event) => (event.contentBlockDelta?.contentBlockIndex === index ? [event.contentBlockDelta.delta?.toolUse?.input ?? ""] : []))
        .join("");
    expect([inputOf(0), inputOf(1)]).toEqual(['{"zone":"UTC"}', '{"city":"sample city"}']);
    expect(events.filter((event) => event.contentBlockStop !== undefined)).toHaveLength(2);
    expect(events.at(-2)?.messageStop?.stopReason).toBe("tool_use");
    const calls = [{ name: "get_time", input: { zone: "UTC" } }, { name: "get_weather", input: { city: "sample city" } }];
    expect(events.at(-1)?.metadata?.usage?.outputTokens).toBe(converseOutputTokens("", calls));
  });

  it("ChatBedrockConverse's stream merges into the same parallel calls, with usage", async () => {
    let merged: AIMessageChunk | undefined;
    for await (const chunk of await chatBedrock(server).bindTools([getWeather, getTime]).stream("get_weather, then get_time")) {
      merged = merged === undefined ? chunk : merged.concat(chunk);
    }
    expect(merged?.tool_calls).toEqual([
      { name: "get_weather", args: { city: "sample city" }, id: useId, type: "tool_call" },
      { name: "get_time", args: { zone: "UTC" }, id: useId, type: "tool_call" },
    ]);
    expect(merged?.response_metadata).toMatchObject({ messageStop: { stopReason: "tool_use" } });
    const calls = [{ name: "get_weather", input: { city: "sample city" } }, { name: "get_time", input: { zone: "UTC" } }];
    expect(merged?.usage_metadata?.output_tokens).toBe(converseOutputTokens("", calls));
  });
});
