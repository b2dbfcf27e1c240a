import { HumanMessage, SystemMessage, type AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { openAICompletionTokens } from "../../src/testing";
import { useOpenAIStandIn } from "../helpers/stand-ins";
import { chatOpenAI, openAIClient } from "./sdk-clients";

const server = useOpenAIStandIn();

const getWeather = tool(async ({ city, days }: { city: string; days: number }) => `Sunny in ${city} for ${days} day(s)`, {
  name: "get_weather",
  description: "Weather in a city",
  schema: z.object({ city: z.string(), days: z.number().int().min(1) }),
});
const getTime = tool(async ({ zone }: { zone: string }) => `12:00 in ${zone}`, {
  name: "get_time",
  description: "The time in a time zone",
  schema: z.object({ zone: z.enum(["UTC", "CET"]) }),
});

const WEATHER_ARGS = { city: "sample city", days: 1 };
const TIME_ARGS = { zone: "UTC" };
const callId = expect.stringMatching(/^call_standin_\d+$/);

function sentBody(index: number): Record<string, unknown> {
  return server.requests[index]!.body as Record<string, unknown>;
}

describe("OpenAI stand-in: tools under automatic choice (ChatOpenAI)", () => {
  it("runs a tool loop of two turns: the first tool is called with schema-conforming arguments, then the tool result is answered in text", async () => {
    const model = chatOpenAI(server).bindTools([getWeather, getTime]);
    const messages: BaseMessage[] = [new HumanMessage("What should I wear tomorrow?")];
    const first = await model.invoke(messages);
    expect(first.tool_calls).toEqual([{ name: "get_weather", args: WEATHER_ARGS, id: callId, type: "tool_call" }]);
    expect([first.content, first.response_metadata.finish_reason]).toEqual(["", "tool_calls"]);
    expect(first.usage_metadata?.output_tokens).toBe(
      await openAICompletionTokens("", [{ name: "get_weather", arguments: JSON.stringify(WEATHER_ARGS) }], "gpt-4o"),
    );
    expect(sentBody(0)).not.toHaveProperty("tool_choice");

    messages.push(first, await getWeather.invoke(first.tool_calls![0]!));
    const second = await model.invoke(messages);
    expect(second.tool_calls).toEqual([]);
    expect([second.content, second.response_metadata.finish_reason]).toEqual(["Stand-in reply to: What should I wear tomorrow?", "stop"]);
    const sent = sentBody(1).messages as { role: string; content: string }[];
    expect(sent.at(-1)).toMatchObject({ role: "tool", content: "Sunny in sample city for 1 day(s)" });
    expect(server.requests).toHaveLength(2);
  });

  it("calls every tool the last user text names, in the order named, each with its own id", async () => {
    const result = await chatOpenAI(server).bindTools([getWeather, getTime], { tool_choice: "auto" }).invoke("Check get_time, then get_weather for Oslo.");
    expect(result.tool_calls).toEqual([
      { name: "get_time", args: TIME_ARGS, id: callId, type: "tool_call" },
      { name: "get_weather", args: WEATHER_ARGS, id: callId, type: "tool_call" },
    ]);
    expect(new Set(result.tool_calls!.map((call) => call.id)).size).toBe(2);
    expect(sentBody(0)).toMatchObject({ tool_choice: "auto" });
  });

  it("reads names in the system text before the user text, whole words only and case-insensitive", async () => {
    const model = chatOpenAI(server).bindTools([getWeather, getTime]);
    const messages = [new SystemMessage("Always start with GET_TIME."), new HumanMessage("And get_weather please.")];
    expect((await model.invoke(messages)).tool_calls?.map((call) => call.name)).toEqual(["get_time", "get_weather"]);
    // "my_get_time_zone" names no tool, so the first tool is called
    expect((await model.invoke("What is my_get_time_zone?")).tool_calls?.map((call) => call.name)).toEqual(["get_weather"]);
  });

  it("makes one call only with parallel_tool_calls: false", async () => {
    const model = chatOpenAI(server).bindTools([getWeather, getTime], { parallel_tool_calls: false });
    const result = await model.invoke("Check get_time, then get_weather.");
    expect(result.tool_calls).toEqual([{ name: "get_time", args: TIME_ARGS, id: callId, type: "tool_call" }]);
    expect(sentBody(0)).toMatchObject({ parallel_tool_calls: false });
  });

  it("makes parallel calls under a forced \"required\" choice too, and none under \"none\"", async () => {
    const required = await chatOpenAI(server).bindTools([getWeather, getTime], { tool_choice: "required" }).invoke("get_weather and get_time");
    expect(required.tool_calls?.map((call) => call.name)).toEqual(["get_weather", "get_time"]);
    const none = await chatOpenAI(server).bindTools([getWeather, getTime], { tool_choice: "none" }).invoke("get_weather and get_time");
    expect([none.tool_calls, none.content]).toEqual([[], "Stand-in reply to: get_weather and get_time"]);
  });

  it("lets a script ask for text (toolCalls: []), for a given text, or for given calls", async () => {
    server.reply({ toolCalls: [] });
    server.reply({ text: "Scripted." });
    server.reply({ toolCalls: [{ name: "get_time", args: { zone: "CET" }, id: "call_given" }] });
    const model = chatOpenAI(server).bindTools([getWeather, getTime]);
    const asked = [await model.invoke("Weather?"), await model.invoke("Weather?"), await model.invoke("Weather?"), await model.invoke("Weather?")];
    expect(asked.map((reply) => [reply.content, reply.tool_calls])).toEqual([
      ["Stand-in reply to: Weather?", []],
      ["Scripted.", []],
      ["", [{ name: "get_time", args: { zone: "CET" }, id: "call_given", type: "tool_call" }]],
      ["", [{ name: "get_weather", args: WEATHER_ARGS, id: callId, type: "tool_call" }]], // unscripted again: the policy
    ]);
  });

  it("answers in text when the last turn is not the user's (an assistant prefill, a legacy function result)", async () => {
    const client = openAIClient(server);
    const tools = [{ type: "function" as const, function: { name: "get_time", parameters: z.toJSONSchema(getTime.schema) } }];
    const userLast = await client.chat.completions.create({ model: "gpt-4o", tools, messages: [{ role: "user", content: "get_time?" }] });
    expect(userLast.choices[0]?.message.tool_calls?.map((call) => call.type === "function" && call.function.name)).toEqual(["get_time"]);
    const prefill = await client.chat.completions.create({
      model: "gpt-4o",
      tools,
      messages: [{ role: "user", content: "get_time?" }, { role: "assistant", content: "Let me think." }],
    });
    expect([prefill.choices[0]?.message.tool_calls, prefill.choices[0]?.message.content]).toEqual([undefined, "Stand-in reply to: get_time?"]);
    const legacy = await client.chat.completions.create({
      model: "gpt-4o",
      tools,
      messages: [{ role: "user", content: "get_time?" }, { role: "function", name: "get_time", content: "12:00" }],
    });
    expect(legacy.choices[0]?.finish_reason).toBe("stop");
  });

  it("calls a tool without parameters with empty arguments", async () => {
    const ping = { type: "function" as const, function: { name: "ping", description: "Ping" } };
    const result = await chatOpenAI(server).bindTools([ping]).invoke("Are you there?");
    expect(result.tool_calls).toEqual([{ name: "ping", args: {}, id: callId, type: "tool_call" }]);
  });
});

describe("OpenAI stand-in: streamed tool calls", () => {
  it("streams as OpenAI does: content null, a header per call (index, id, type, name), argument deltas, finish_reason tool_calls, usage", async () => {
    const stream = await openAIClient(server).chat.completions.create({
      model: "gpt-4o",
      messages: [{ role: "user", content: "get_time and get_weather" }],
      tools: [getTime, getWeather].map((t) => ({ type: "function" as const, function: { name: t.name, parameters: z.toJSONSchema(t.schema) } })),
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: Record<string, unknown>[] = [];
    const finishReasons: (string | null)[] = [];
    let usage: { completion_tokens: number } | undefined;
    for await (const chunk of stream) {
      for (const choice of chunk.choices) {
        deltas.push(choice.delta as Record<string, unknown>);
        finishReasons.push(choice.finish_reason);
      }
      usage = chunk.usage ?? usage;
    }
    expect(deltas[0]).toEqual({ role: "assistant", content: null, refusal: null });
    const headers = deltas.flatMap((delta) => (delta.tool_calls as { id?: string }[] | undefined)?.filter((call) => call.id !== undefined) ?? []);
    expect(headers).toEqual([
      { index: 0, id: callId, type: "function", function: { name: "get_time", arguments: "" } },
      { index: 1, id: callId, type: "function", function: { name: "get_weather", arguments: "" } },
    ]);
    const argumentsOf = (index: number) =>
      deltas
        .flatMap((delta) => (delta.tool_calls as { index: number; function: { arguments: string } }[] | undefined) ?? [])
        .filter((call) => call.index === index)
        .map((call) => call.function.arguments);
    expect(argumentsOf(1).length).toBeGreaterThan(2);
    expect(argumentsOf(0).join("")).toBe(JSON.stringify(TIME_ARGS));
    expect(argumentsOf(1).join("")).toBe(JSON.stringify(WEATHER_ARGS));
    expect(finishReasons.filter((reason) => reason !== null)).toEqual(["tool_calls"]);
    const calls = [{ name: "get_time", arguments: JSON.stringify(TIME_ARGS) }, { name: "get_weather", arguments: JSON.stringify(WEATHER_ARGS) }];
    expect(usage?.completion_tokens).toBe(await openAICompletionTokens("", calls, "gpt-4o"));
  });

  it("ChatOpenAI's stream merges into the same parallel calls, with usage", async () => {
    let merged: AIMessageChunk | undefined;
    for await (const chunk of await chatOpenAI(server).bindTools([getWeather, getTime]).stream("get_weather, then get_time")) {
      merged = merged === undefined ? chunk : merged.concat(chunk);
    }
    expect(merged?.tool_calls).toEqual([
      { name: "get_weather", args: WEATHER_ARGS, id: callId, type: "tool_call" },
      { name: "get_time", args: TIME_ARGS, id: callId, type: "tool_call" },
    ]);
    expect(merged?.response_metadata.finish_reason).toBe("tool_calls");
    const calls = [{ name: "get_weather", arguments: JSON.stringify(WEATHER_ARGS) }, { name: "get_time", arguments: JSON.stringify(TIME_ARGS) }];
    expect(merged?.usage_metadata?.output_tokens).toBe(await openAICompletionTokens("", calls, "gpt-4o"));
  });
});
