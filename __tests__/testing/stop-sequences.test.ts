import { ConverseCommand, ConverseStreamCommand, type ConverseStreamOutput } from "@aws-sdk/client-bedrock-runtime";
import type { AIMessageChunk } from "@langchain/core/messages";
import { claudeTokens, openAICompletionTokens } from "../../src/testing";
import { cutAtStopSequence } from "../../src/testing/stop-sequences";
import { useBedrockStandIn, useOpenAIStandIn } from "../helpers/stand-ins";
import { bedrockClient, chatBedrock, chatOpenAI, openAIClient, readChatStream } from "./sdk-clients";

const openai = useOpenAIStandIn();
const bedrock = useBedrockStandIn();

const SONNET = "anthropic.claude-3-5-sonnet-20241022-v2:0";
const weatherTool = { type: "function" as const, function: { name: "get_weather", parameters: { type: "object", properties: {} } } };

describe("cutAtStopSequence", () => {
  it.each([
    [["reply"], { text: "Stand-in ", matched: "reply" }],
    [["to: hi", "in"], { text: "Stand-", matched: "in" }],
    [["d-in", "-in"], { text: "Stan", matched: "d-in" }],
    [["", "absent"], { text: "Stand-in reply to: hi" }],
  ])("cuts %j before the sequence completed first", (sequences, expected) => {
    expect(cutAtStopSequence("Stand-in reply to: hi", sequences)).toEqual(expected);
  });
});

describe("OpenAI stand-in: stop sequences", () => {
  it("cuts the text before the first stop sequence, finish_reason stop, completion_tokens of the text returned", async () => {
    const result = await chatOpenAI(openai).invoke("hi", { stop: ["reply"] });
    expect([result.content, result.response_metadata.finish_reason]).toEqual(["Stand-in ", "stop"]);
    expect(result.usage_metadata?.output_tokens).toBe(await openAICompletionTokens("Stand-in ", [], "gpt-4o"));
    expect(openai.requests[0]!.body).toMatchObject({ stop: ["reply"] });
  });

  it("honours `stop` as a string and as an array, the earliest completed sequence winning", async () => {
    const client = openAIClient(openai);
    const asString = await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }], stop: " to" });
    expect(asString.choices[0]?.message.content).toBe("Stand-in reply");
    const asArray = await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }], stop: ["to: hi", "in"] });
    expect(asArray.choices[0]?.message.content).toBe("Stand-");
    const unmatched = await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }], stop: ["zzz"] });
    expect(unmatched.choices[0]?.message.content).toBe("Stand-in reply to: hi");
  });

  it("cuts streams the same way, with usage of the text streamed", async () => {
    openai.reply({ text: "One. Two. Three. END Four." });
    const { deltas, usage } = await readChatStream(await chatOpenAI(openai).stream("Count", { stop: ["END", "Four"] }));
    expect(deltas.join("")).toBe("One. Two. Three. ");
    expect(deltas.length).toBeGreaterThan(3);
    expect(usage?.output_tokens).toBe(await openAICompletionTokens("One. Two. Three. ", [], "gpt-4o"));
  });

  it("cuts a scripted text and drops the tool calls after it", async () => {
    openai.reply({ text: "Let me check. DONE", toolCalls: [{ name: "get_weather", args: {} }] });
    const result = await chatOpenAI(openai).bindTools([weatherTool]).invoke("Weather?", { stop: ["DONE"] });
    expect([result.content, result.tool_calls, result.response_metadata.finish_reason]).toEqual(["Let me check. ", [], "stop"]);
  });
});

describe("Bedrock stand-in: stop sequences", () => {
  it("cuts the text and answers stopReason stop_sequence, outputTokens of the text returned", async () => {
    const result = await chatBedrock(bedrock).invoke("hi", { stop: ["reply"] });
    expect(result.content).toBe("Stand-in ");
    expect(result.response_metadata).toMatchObject({ stopReason: "stop_sequence" });
    expect(result.usage_metadata?.output_tokens).toBe(claudeTokens("Stand-in "));
    expect(bedrock.requests[0]!.body).toMatchObject({ inferenceConfig: { stopSequences: ["reply"] } });
    const unmatched = await chatBedrock(bedrock).invoke("hi", { stop: ["zzz"] });
    expect([unmatched.content, unmatched.response_metadata.stopReason]).toEqual(["Stand-in reply to: hi", "end_turn"]);
  });

  it("cuts ConverseStream the same way, stop_sequence in messageStop, usage in the metadata event", async () => {
    bedrock.reply({ text: "One. Two. Three. END Four." });
    let merged: AIMessageChunk | undefined;
    const deltas: string[] = [];
    for await (const chunk of await chatBedrock(bedrock).stream("Count", { stop: ["END"] })) {
      if (chunk.content !== "") deltas.push(String(chunk.content));
      merged = merged === undefined ? chunk : merged.concat(chunk);
    }
    expect(deltas).toEqual(["One. ", "Two. ", "Three. "]);
    expect(merged?.response_metadata).toMatchObject({ messageStop: { stopReason: "stop_sequence" } });
    expect(merged?.usage_metadata?.output_tokens).toBe(claudeTokens("One. Two. Three. "));
  });

  it("returns the matched sequence in additionalModelResponseFields only for the paths asked for", async () => {
    const client = bedrockClient(bedrock);
    const messages = [{ role: "user" as const, content: [{ text: "hi" }] }];
    const inferenceConfig = { stopSequences: ["zzz", "reply"] };
    const asked = await client.send(new ConverseCommand({ modelId: SONNET, messages, inferenceConfig, additionalModelResponseFieldPaths: ["/stop_sequence"] }));
    expect([asked.stopReason, asked.additionalModelResponseFields]).toEqual(["stop_sequence", { stop_sequence: "reply" }]);
    expect(asked.usage?.outputTokens).toBe(claudeTokens("Stand-in "));
    const notAsked = await client.send(new ConverseCommand({ modelId: SONNET, messages, inferenceConfig }));
    expect(notAsked).not.toHaveProperty("additionalModelResponseFields");
    const otherPath = await client.send(new ConverseCommand({ modelId: SONNET, messages, inferenceConfig, additionalModelResponseFieldPaths: ["/stop_reason"] }));
    expect(otherPath).not.toHaveProperty("additionalModelResponseFields");
    const unmatched = await client.send(new ConverseCommand({ modelId: SONNET, messages, additionalModelResponseFieldPaths: ["/stop_sequence"] }));
    expect([unmatched.stopReason, unmatched.additionalModelResponseFields]).toEqual(["end_turn", { stop_sequence: null }]);

    const stream = await client.send(
      new ConverseStreamCommand({ modelId: SONNET, messages, inferenceConfig, additionalModelResponseFieldPaths: ["/delta/stop_sequence"] }),
    );
    const events: ConverseStreamOutput[] = [];
    for await (const event of stream.stream!) events.push(event);
    expect(events.find((event) => event.messageStop !== undefined)?.messageStop).toEqual({
      stopReason: "stop_sequence",
      additionalModelResponseFields: { delta: { stop_sequence: "reply" } },
    });
  });
});
