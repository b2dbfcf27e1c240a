import { ConverseCommand, CountTokensCommand } from "@aws-sdk/client-bedrock-runtime";
import { AIMessageChunk, HumanMessage, SystemMessage } from "@langchain/core/messages";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { z } from "zod";
import {
  claudeTokens,
  converseInputTokens,
  converseOutputTokens,
  defaultReplyText,
  startBedrockStandIn,
} from "../../src/testing";
import { useBedrockStandIn } from "../helpers/stand-ins";
import { bedrockClient, chatBedrock, readChatStream } from "./sdk-clients";

const server = useBedrockStandIn();

const SONNET = "anthropic.claude-3-5-sonnet-20241022-v2:0";
const weatherTool = {
  name: "get_weather",
  description: "Weather in a city",
  schema: z.object({ city: z.string(), days: z.number().int().positive() }),
};

describe("Bedrock stand-in: Converse through ChatBedrockConverse", () => {
  it("answers the default reply over HTTP/2 with usage from the documented Claude framing, and records the call", async () => {
    const result = await chatBedrock(server).invoke([new SystemMessage("You are terse."), new HumanMessage("Name a colour.")]);
    const text = defaultReplyText("Name a colour.");
    expect(result.content).toBe("Stand-in reply to: Name a colour.");
    const input = converseInputTokens({ system: [{ text: "You are terse." }], messages: [{ role: "user", content: [{ text: "Name a colour." }] }] });
    expect(input).toBe(claudeTokens("You are terse.") + 3 + claudeTokens("Name a colour."));
    expect(result.usage_metadata).toMatchObject({ input_tokens: input, output_tokens: claudeTokens(text), total_tokens: input + claudeTokens(text) });
    expect(result.response_metadata).toMatchObject({ stopReason: "end_turn" });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: "POST",
      path: `/model/${encodeURIComponent(SONNET)}/converse`,
      operation: "converse",
      modelId: SONNET,
      httpVersion: "2.0",
      aborted: false,
    });
    expect(server.requests[0]!.headers.authorization).toBe("***");
    expect(server.requests[0]!.headers["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it("decodes prefixed ids and ARNs from the path", async () => {
    const arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0";
    await chatBedrock(server, arn).invoke("hi");
    await chatBedrock(server, "global.anthropic.claude-haiku-4-5-20251001-v1:0").invoke("hi");
    expect(server.requests.map((request) => request.modelId)).toEqual([arn, "global.anthropic.claude-haiku-4-5-20251001-v1:0"]);
    expect(server.requests[0]!.path).toContain("arn%3Aaws%3Abedrock");
  });

  it("serves HTTP/1.1 clients on the same port with Connection: close", async () => {
    const client = bedrockClient(server, { requestHandler: new NodeHttpHandler() });
    const seen: Record<string, string>[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        const output = await next(args);
        seen.push((output.response as { headers: Record<string, string> }).headers);
        return output;
      },
      { step: "deserialize" },
    );
    const response = await client.send(new ConverseCommand({ modelId: SONNET, messages: [{ role: "user", content: [{ text: "hi" }] }] }));
    expect(response.output?.message?.content).toEqual([{ text: "Stand-in reply to: hi" }]);
    expect(seen[0]?.connection).toBe("close");
    expect(server.requests[0]!.httpVersion).toBe("1.1");
  });

  it("reports scripted cache reads and writes apart from inputTokens, as Bedrock does", async () => {
    server.reply({ text: "ok", usage: { inputTokens: 100, outputTokens: 5, cacheReadTokens: 1000, cacheWriteTokens: 200 } });
    const response = await bedrockClient(server).send(new ConverseCommand({ modelId: SONNET, messages: [{ role: "user", content: [{ text: "hi" }] }] }));
    expect(response.usage).toEqual({ inputTokens: 100, outputTokens: 5, totalTokens: 1305, cacheReadInputTokens: 1000, cacheWriteInputTokens: 200 });
    expect(response.metrics?.latencyMs).toBeGreaterThanOrEqual(0);
    server.reply({ text: "ok", usage: { inputTokens: 100, outputTokens: 5, cacheReadTokens: 1000, cacheWriteTokens: 200 } });
    const viaLangChain = await chatBedrock(server).invoke("hi");
    expect(viaLangChain.usage_metadata).toMatchObject({ input_tokens: 1300, output_tokens: 5, input_token_details: { cache_read: 1000, cache_creation: 200 } });
  });

  it("streams text by word in AWS event-stream framing, with usage in the metadata event", async () => {
    server.reply({ text: "Red is a colour." });
    const { deltas, usage } = await readChatStream(await chatBedrock(server).stream("Name a colour."));
    expect(deltas).toEqual(["Red ", "is ", "a ", "colour."]);
    const input = converseInputTokens({ messages: [{ role: "user", content: [{ text: "Name a colour." }] }] });
    expect(usage).toMatchObject({ input_tokens: input, output_tokens: claudeTokens("Red is a colour.") });
    expect(server.requests[0]).toMatchObject({ operation: "converse-stream", modelId: SONNET });
  });

  it("answers scripted tool calls to bindTools, as toolUse blocks and as streamed toolUse deltas", async () => {
    const call = { name: "get_weather", args: { city: "Paris", days: 2 }, id: "tooluse_1" };
    server.reply({ text: "Let me check.", toolCalls: [call], times: 2 });
    const model = chatBedrock(server).bindTools([weatherTool]);
    const result = await model.invoke("Weather in Paris?");
    expect(result.tool_calls).toEqual([{ ...call, type: "tool_call" }]);
    expect(result.response_metadata).toMatchObject({ stopReason: "tool_use" });
    expect(result.usage_metadata?.output_tokens).toBe(converseOutputTokens("Let me check.", [{ name: "get_weather", input: call.args }]));
    let merged: AIMessageChunk | undefined;
    for await (const chunk of await model.stream("Weather in Paris?")) merged = merged === undefined ? chunk : merged.concat(chunk);
    expect(merged?.tool_calls).toEqual([{ ...call, type: "tool_call" }]);
    expect(server.requests[0]!.body).toMatchObject({ toolConfig: { tools: [{ toolSpec: { name: "get_weather" } }] } });
  });

  it("answers withStructuredOutput with schema-conforming input to the forced tool", async () => {
    const schema = z.object({ colour: z.enum(["red", "green"]), shades: z.array(z.string()).max(3), hex: z.string().min(15).max(20) });
    const result = await chatBedrock(server).withStructuredOutput(schema).invoke("A colour?");
    expect(result).toEqual({ colour: "red", shades: ["sample shades"], hex: "sample hexxxxxx" });
    expect(server.requests[0]!.body).toMatchObject({ toolConfig: { toolChoice: { tool: { name: "extract" } } } });
    const streamed: unknown[] = [];
    for await (const chunk of await chatBedrock(server).withStructuredOutput(schema).stream("A colour?")) streamed.push(chunk);
    expect(streamed.at(-1)).toEqual(result);
  });

  it("forces the first tool for toolChoice any", async () => {
    const result = await chatBedrock(server).bindTools([weatherTool], { tool_choice: "any" }).invoke("Weather?");
    expect(result.tool_calls).toEqual([
      { name: "get_weather", args: { city: "sample city", days: 1 }, id: expect.stringMatching(/^tooluse_standin_\d+$/), type: "tool_call" },
    ]);
  });
});

describe("Bedrock stand-in: CountTokens through BedrockRuntimeClient", () => {
  const messages = [
    { role: "user" as const, content: [{ text: "What is the weather?" }] },
    { role: "assistant" as const, content: [{ toolUse: { toolUseId: "t1", name: "get_weather", input: { city: "Paris" } } }] },
    { role: "user" as const, content: [{ toolResult: { toolUseId: "t1", content: [{ json: { sky: "clear" } }, { text: "22 C" }] } }] },
  ];
  const system = [{ text: "You are a weather bot." }];

  it("counts what Converse bills for the same messages", async () => {
    const client = bedrockClient(server);
    const counted = await client.send(new CountTokensCommand({ modelId: SONNET, input: { converse: { messages, system } } }));
    const converse = await client.send(new ConverseCommand({ modelId: SONNET, messages, system }));
    expect(counted.inputTokens).toBe(converse.usage?.inputTokens);
    expect(counted.inputTokens).toBe(
      claudeTokens("You are a weather bot.") +
        3 + claudeTokens("What is the weather?") +
        3 + claudeTokens("get_weather") + claudeTokens('{"city":"Paris"}') +
        3 + claudeTokens('{"sky":"clear"}') + claudeTokens("22 C"),
    );
    expect(server.requests[0]).toMatchObject({ operation: "count-tokens", modelId: SONNET, body: { input: { converse: { messages, system } } } });
  });

  it("refuses prefixed ids, ARNs and models outside the list with AWS's ValidationException", async () => {
    const client = bedrockClient(server);
    for (const modelId of ["us.anthropic.claude-3-5-sonnet-20241022-v2:0", "arn:aws:bedrock:us-east-1:1:inference-profile/x", "anthropic.claude-3-haiku-20240307-v1:0"]) {
      const error = await client.send(new CountTokensCommand({ modelId, input: { converse: { messages } } })).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "ValidationException", message: "The provided model doesn't support counting tokens.", $metadata: { httpStatusCode: 400 } });
    }
    const invoke = await client
      .send(new CountTokensCommand({ modelId: SONNET, input: { invokeModel: { body: new TextEncoder().encode("{}") } } }))
      .catch((e: unknown) => e);
    expect((invoke as Error).message).toBe("The stand-in counts input.converse only; send { input: { converse: { messages, system } } }.");
  });

  it("accepts the models given in countTokensModels, and a scripted count", async () => {
    const custom = await startBedrockStandIn({ countTokensModels: ["amazon.nova-pro-v1:0"] });
    try {
      custom.reply({ usage: { inputTokens: 777 } });
      const counted = await bedrockClient(custom).send(new CountTokensCommand({ modelId: "amazon.nova-pro-v1:0", input: { converse: { messages } } }));
      expect(counted.inputTokens).toBe(777);
      const refused = await bedrockClient(custom).send(new CountTokensCommand({ modelId: SONNET, input: { converse: { messages } } })).catch((e: unknown) => e);
      expect(refused).toMatchObject({ name: "ValidationException" });
    } finally {
      await custom.close();
    }
  });
});
