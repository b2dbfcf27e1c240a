import { ConverseCommand, ConverseStreamCommand, type ConverseStreamOutput } from "@aws-sdk/client-bedrock-runtime";
import type { AIMessageChunk } from "@langchain/core/messages";
import { answeredServiceTier } from "../../src/testing/openai-chat-request";
import { useBedrockStandIn, useOpenAIStandIn } from "../helpers/stand-ins";
import { bedrockClient, chatBedrock, chatOpenAI, openAIClient } from "./sdk-clients";

const SONNET_45 = "global.anthropic.claude-sonnet-4-5-20250929-v1:0";
const messages = [{ role: "user" as const, content: [{ text: "hi" }] }];

describe("OpenAI stand-in: service_tier and reasoning tokens as OpenAI sends them", () => {
  const server = useOpenAIStandIn();

  it.each([
    [undefined, "default"],
    ["auto", "default"],
    ["default", "default"],
    ["flex", "flex"],
    ["priority", "priority"],
  ] as const)("answers a request for %s with service_tier %s on the body", async (asked, answered) => {
    server.reply({});
    const completion = await openAIClient(server).chat.completions.create({ model: "gpt-5", messages: [{ role: "user", content: "hi" }], ...(asked === undefined ? {} : { service_tier: asked }) });
    expect(completion.service_tier).toBe(answered);
    expect(answeredServiceTier(asked)).toBe(answered);
  });

  it("puts the tier on every stream chunk, the usage chunk included, and a scripted tier wins", async () => {
    server.reply({ text: "Red is a colour.", serviceTier: "priority", usage: { reasoningTokens: 4, outputTokens: 9 } });
    const stream = await openAIClient(server).chat.completions.create({
      model: "gpt-5", messages: [{ role: "user", content: "Name a colour." }], stream: true, stream_options: { include_usage: true }, service_tier: "auto",
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(3);
    expect(new Set(chunks.map((chunk) => chunk.service_tier))).toEqual(new Set(["priority"]));
    expect(chunks.at(-1)!.usage?.completion_tokens_details?.reasoning_tokens).toBe(4);
  });

  it("reaches ChatOpenAI as the stream's response_metadata.service_tier and output_token_details.reasoning", async () => {
    server.reply({ text: "Red.", serviceTier: "flex", usage: { reasoningTokens: 3, outputTokens: 5 } });
    let last: AIMessageChunk | undefined;
    for await (const chunk of await chatOpenAI(server, { model: "gpt-5" }).stream("Name a colour.")) last = last === undefined ? chunk : last.concat(chunk);
    expect(last!.response_metadata.service_tier).toBe("flex");
    expect(last!.usage_metadata?.output_token_details?.reasoning).toBe(3);
  });
});

describe("Bedrock stand-in: serviceTier and usage.cacheDetails as Bedrock sends them", () => {
  const server = useBedrockStandIn();

  it("answers the tier asked for on the Converse response, none when none was asked, a scripted tier over either", async () => {
    server.reply({ times: 2 });
    server.reply({ serviceTier: "flex" });
    const client = bedrockClient(server);
    const asked = await client.send(new ConverseCommand({ modelId: SONNET_45, messages, serviceTier: { type: "priority" } }));
    const none = await client.send(new ConverseCommand({ modelId: SONNET_45, messages }));
    const scripted = await client.send(new ConverseCommand({ modelId: SONNET_45, messages, serviceTier: { type: "priority" } }));
    expect([asked.serviceTier, none.serviceTier, scripted.serviceTier]).toEqual([{ type: "priority" }, undefined, { type: "flex" }]);
  });

  it("breaks cacheWriteInputTokens down by TTL, 1h first, their sum when no total is scripted", async () => {
    server.reply({ usage: { inputTokens: 100, outputTokens: 5, cacheDetails: [{ ttl: "5m", inputTokens: 300 }, { ttl: "1h", inputTokens: 200 }] } });
    const response = await bedrockClient(server).send(new ConverseCommand({ modelId: SONNET_45, messages }));
    expect(response.usage).toEqual({
      inputTokens: 100, outputTokens: 5, totalTokens: 605, cacheWriteInputTokens: 500,
      cacheDetails: [{ ttl: "1h", inputTokens: 200 }, { ttl: "5m", inputTokens: 300 }],
    });
  });

  it("sends usage.cacheDetails and serviceTier in the stream's metadata event", async () => {
    server.reply({ text: "Red.", serviceTier: "priority", usage: { cacheDetails: [{ ttl: "1h", inputTokens: 50 }] } });
    const response = await bedrockClient(server).send(new ConverseStreamCommand({ modelId: SONNET_45, messages }));
    const events: ConverseStreamOutput[] = [];
    for await (const event of response.stream!) events.push(event);
    const metadata = events.find((event) => event.metadata !== undefined)!.metadata!;
    expect(metadata.serviceTier).toEqual({ type: "priority" });
    expect(metadata.usage).toMatchObject({ cacheWriteInputTokens: 50, cacheDetails: [{ ttl: "1h", inputTokens: 50 }] });
  });

  it("reaches ChatBedrockConverse in response_metadata (invoke: .usage / .serviceTier; stream: .metadata)", async () => {
    const usage = { inputTokens: 10, outputTokens: 2, cacheDetails: [{ ttl: "1h" as const, inputTokens: 40 }] };
    server.reply({ usage, serviceTier: "flex", times: 2 });
    const model = chatBedrock(server, SONNET_45);
    const invoked = await model.invoke("hi");
    expect(invoked.response_metadata).toMatchObject({ serviceTier: { type: "flex" }, usage: { cacheDetails: [{ ttl: "1h", inputTokens: 40 }] } });
    let last: AIMessageChunk | undefined;
    for await (const chunk of await model.stream("hi")) last = last === undefined ? chunk : last.concat(chunk);
    expect(last!.response_metadata.metadata).toMatchObject({ serviceTier: { type: "flex" }, usage: { cacheDetails: [{ ttl: "1h", inputTokens: 40 }] } });
  });
});
