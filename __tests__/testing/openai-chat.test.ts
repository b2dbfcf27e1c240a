import { AIMessage, AIMessageChunk, HumanMessage, SystemMessage, ToolMessage } from "@langchain/core/messages";
import { z } from "zod";
import {
  defaultReplyText,
  openAICompletionTokens,
  openAIPromptTokens,
  standInLogprob,
} from "../../src/testing";
import { useOpenAIStandIn } from "../helpers/stand-ins";
import { chatOpenAI, readChatStream } from "./sdk-clients";

const server = useOpenAIStandIn();

const weatherTool = {
  type: "function" as const,
  function: {
    name: "get_weather",
    description: "Weather in a city",
    parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer", minimum: 1 } }, required: ["city", "days"] },
  },
};

describe("OpenAI stand-in: chat completions through ChatOpenAI", () => {
  it("answers the default reply with usage computed by the chat framing, the dated snapshot, and records the request", async () => {
    const messages = [new SystemMessage("You are terse."), new HumanMessage("What is the capital of France?")];
    const result = await chatOpenAI(server).invoke(messages);
    const text = defaultReplyText("What is the capital of France?");
    expect(result.content).toBe("Stand-in reply to: What is the capital of France?");
    expect(text).toBe(result.content);
    const wire = [{ role: "system", content: "You are terse." }, { role: "user", content: "What is the capital of France?" }];
    expect(result.usage_metadata).toMatchObject({
      input_tokens: await openAIPromptTokens(wire, "gpt-4o"),
      output_tokens: await openAICompletionTokens(text, [], "gpt-4o"),
    });
    // 3+1+4 ("You are terse.") + 3+1+7 ("What is the capital of France?") + 3 priming
    expect(result.usage_metadata?.input_tokens).toBe(22);
    expect(result.response_metadata.model_name).toBe("gpt-4o-2024-08-06");
    expect(result.response_metadata.finish_reason).toBe("stop");
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: "POST",
      path: "/v1/chat/completions",
      operation: "chat.completions",
      modelId: "gpt-4o",
      httpVersion: "1.1",
      aborted: false,
      body: { model: "gpt-4o", messages: wire },
    });
    expect(server.requests[0]!.headers.authorization).toBe("***");
  });

  it("counts with cl100k for gpt-4-turbo and o200k for gpt-4o, names included, and answers each model's snapshot", async () => {
    const text = "人工智能正在改变世界。東京は日本の首都です。";
    const turbo = await chatOpenAI(server, { model: "gpt-4-turbo" }).invoke([new HumanMessage({ content: text, name: "alice" })]);
    const wire = [{ role: "user", content: text, name: "alice" }];
    expect(turbo.usage_metadata?.input_tokens).toBe(await openAIPromptTokens(wire, "gpt-4-turbo"));
    expect(await openAIPromptTokens(wire, "gpt-4-turbo")).not.toBe(await openAIPromptTokens(wire, "gpt-4o"));
    expect(turbo.response_metadata.model_name).toBe("gpt-4-turbo-2024-04-09");
    const mini = await chatOpenAI(server, { model: "gpt-4o-mini" }).invoke("hi");
    expect(mini.response_metadata.model_name).toBe("gpt-4o-mini-2024-07-18");
    const dated = await chatOpenAI(server, { model: "gpt-4o-2024-11-20" }).invoke("hi");
    expect(dated.response_metadata.model_name).toBe("gpt-4o-2024-11-20");
  });

  it("bills a tool-call history and text parts by the same framing, quoting the last user text", async () => {
    const history = [
      new HumanMessage({ content: [{ type: "text", text: "Weather" }, { type: "text", text: "in Paris?" }] }),
      new AIMessage({ content: "", tool_calls: [{ id: "call_9", name: "get_weather", args: { city: "Paris" } }] }),
      new ToolMessage({ content: "sunny", tool_call_id: "call_9" }),
    ];
    const result = await chatOpenAI(server).invoke(history);
    expect(result.content).toBe("Stand-in reply to: Weather in Paris?");
    const sent = (server.requests[0]!.body as { messages: unknown[] }).messages;
    expect(sent).toHaveLength(3);
    expect(result.usage_metadata?.input_tokens).toBe(await openAIPromptTokens(sent, "gpt-4o"));
  });

  it("lets a script set the text, the answered model and every usage field", async () => {
    server.reply({
      text: "Paris.",
      model: "gpt-4o-2024-05-13",
      usage: { inputTokens: 1200, outputTokens: 300, cacheReadTokens: 1000, reasoningTokens: 120 },
      stopReason: "length",
    });
    const result = await chatOpenAI(server).invoke("Capital of France?");
    expect(result.content).toBe("Paris.");
    expect(result.response_metadata).toMatchObject({ model_name: "gpt-4o-2024-05-13", finish_reason: "length" });
    expect(result.usage_metadata).toEqual({
      input_tokens: 1200,
      output_tokens: 300,
      total_tokens: 1500,
      input_token_details: { audio: 0, cache_read: 1000 },
      output_token_details: { audio: 0, reasoning: 120 },
    });
  });

  it("streams one chunk per token with the usage-only final chunk when include_usage is asked", async () => {
    server.reply({ text: "The capital of France is Paris." });
    const { deltas, usage } = await readChatStream(await chatOpenAI(server).stream("Capital of France?"));
    expect(deltas).toEqual(["The", " capital", " of", " France", " is", " Paris", "."]);
    expect(usage).toMatchObject({
      input_tokens: await openAIPromptTokens([{ role: "user", content: "Capital of France?" }], "gpt-4o"),
      output_tokens: 7,
    });
    expect(server.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("keeps multi-byte characters whole when they span tokens", async () => {
    server.reply({ text: "Emoji 🎉🚀👋🏽 ok" });
    let text = "";
    for await (const chunk of await chatOpenAI(server).stream("hi")) text += String(chunk.content);
    expect(text).toBe("Emoji 🎉🚀👋🏽 ok");
  });

  it("sends no usage chunk when streamUsage is off", async () => {
    let usage: AIMessageChunk["usage_metadata"];
    for await (const chunk of await chatOpenAI(server, { streamUsage: false }).stream("hi")) usage = chunk.usage_metadata ?? usage;
    expect(usage).toBeUndefined();
    expect(server.requests[0]!.body).not.toHaveProperty("stream_options");
  });

  it("answers logprobs with deterministic values and the requested alternatives, in JSON and in streams", async () => {
    server.reply({ text: "Paris is nice", times: 2 });
    const model = chatOpenAI(server, { logprobs: true, topLogprobs: 2 });
    const result = await model.invoke("hi");
    const content = (result.response_metadata.logprobs as { content: { token: string; logprob: number; top_logprobs: { token: string; logprob: number }[] }[] }).content;
    expect(content.map((entry) => entry.token)).toEqual(["Paris", " is", " nice"]);
    expect(content.map((entry) => entry.logprob)).toEqual([standInLogprob("Paris", 0), standInLogprob(" is", 1), standInLogprob(" nice", 2)]);
    expect(content[1]!.top_logprobs).toEqual([
      { token: " is", logprob: standInLogprob(" is", 1), bytes: [32, 105, 115] },
      { token: " the", logprob: standInLogprob(" is", 1) - 1, bytes: [32, 116, 104, 101] },
    ]);
    const streamed: string[] = [];
    for await (const chunk of await model.stream("hi")) {
      const logprobs = chunk.response_metadata.logprobs as { content: { token: string; logprob: number }[] } | null | undefined;
      for (const entry of logprobs?.content ?? []) streamed.push(`${entry.token}:${entry.logprob}`);
    }
    expect(streamed).toEqual(content.map((entry) => `${entry.token}:${entry.logprob}`));
  });

  it("answers scripted tool calls to bindTools, as JSON and as streamed deltas", async () => {
    const call = { name: "get_weather", args: { city: "Paris", days: 2 }, id: "call_1" };
    server.reply({ toolCalls: [call], times: 2 });
    const model = chatOpenAI(server).bindTools([weatherTool]);
    const result = await model.invoke("Weather in Paris?");
    expect(result.tool_calls).toEqual([{ ...call, type: "tool_call" }]);
    expect(result.content).toBe("");
    expect(result.response_metadata.finish_reason).toBe("tool_calls");
    expect(result.usage_metadata?.output_tokens).toBe(
      await openAICompletionTokens("", [{ name: "get_weather", arguments: JSON.stringify(call.args) }], "gpt-4o"),
    );
    let merged: AIMessageChunk | undefined;
    for await (const chunk of await model.stream("Weather in Paris?")) merged = merged === undefined ? chunk : merged.concat(chunk);
    expect(merged?.tool_calls).toEqual([{ ...call, type: "tool_call" }]);
    expect(server.requests[0]!.body).toMatchObject({ tools: [weatherTool] });
  });

  it("fills a forced tool's arguments from its JSON schema when nothing is scripted", async () => {
    const result = await chatOpenAI(server).bindTools([weatherTool], { tool_choice: "get_weather" }).invoke("Weather?");
    expect(result.tool_calls).toEqual([{ name: "get_weather", args: { city: "sample city", days: 1 }, id: expect.stringMatching(/^call_standin_\d+$/), type: "tool_call" }]);
    const required = await chatOpenAI(server).bindTools([weatherTool], { tool_choice: "required" }).invoke("Weather?");
    expect(required.tool_calls?.[0]?.args).toEqual({ city: "sample city", days: 1 });
  });

  it("answers withStructuredOutput (json_schema and function calling) with a value that passes the zod schema", async () => {
    const schema = z.object({
      city: z.string(),
      temperature: z.number().min(-50),
      unit: z.enum(["celsius", "fahrenheit"]),
      tags: z.array(z.string()).min(2),
      // strict json_schema needs every property required: an optional value is nullable
      contact: z.string().email().nullable(),
    });
    const expected = { city: "sample city", temperature: -50, unit: "celsius", tags: ["sample tags", "sample tags"], contact: "user@example.com" };
    const viaSchema = await chatOpenAI(server).withStructuredOutput(schema).invoke("Weather?");
    expect(viaSchema).toEqual(expected);
    expect(server.requests[0]!.body).toMatchObject({ response_format: { type: "json_schema" } });
    const viaTool = await chatOpenAI(server).withStructuredOutput(schema, { method: "functionCalling" }).invoke("Weather?");
    expect(viaTool).toEqual(expected);
    expect(server.requests[1]!.body).toMatchObject({ tool_choice: { type: "function" } });
  });

  it("answers json_object requests with a JSON object", async () => {
    const result = await chatOpenAI(server, { modelKwargs: { response_format: { type: "json_object" } } }).invoke("JSON please");
    expect(JSON.parse(String(result.content))).toEqual({ reply: "sample reply" });
  });
});
