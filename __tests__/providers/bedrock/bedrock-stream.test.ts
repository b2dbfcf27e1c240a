import type { AIMessageChunk } from "@langchain/core/messages";
import { ProviderError } from "../../../src/errors";
import { startBedrockStandIn } from "../../../src/testing";
import type { StandIn } from "../../../src/testing/stand-in-types";
import { CostTracker } from "../../../src/tracking/cost-tracker";
import type { StreamChunk } from "../../../src/types";
import { drain, providerFor, SONNET_35 } from "./bedrock-rig";

let server: StandIn;
beforeAll(async () => {
  server = await startBedrockStandIn();
});
afterEach(() => server.reset());
afterAll(() => server.close());

const prompt = [
  { role: "system" as const, content: "You are a concise assistant." },
  { role: "user" as const, content: "Describe the harbour at dawn in two sentences." },
];
const ANSWER = "Fishing boats slip out past the breakwater while gulls wheel overhead. The water glows pink and gold as the town wakes.";

function countOutput(completion: string): number {
  return providerFor(server.url).countTokens({ messages: prompt, completion }).output;
}

function sumOf(chunks: StreamChunk[]): number {
  return chunks.reduce((sum, chunk) => sum + chunk.tokensOutput, 0);
}

describe("BedrockProvider.stream (ConverseStream)", () => {
  it("yields the text deltas, then a last chunk whose result is priced from Bedrock's metadata event", async () => {
    server.reply({ text: ANSWER });
    const { chunks, error } = await drain(providerFor(server.url).stream({ messages: prompt }));
    expect(error).toBeUndefined();
    const last = chunks.at(-1);
    const result = last?.result;
    expect(chunks.slice(0, -1).every((chunk) => chunk.result === undefined && chunk.content !== "")).toBe(true);
    expect(last?.content).toBe("");
    expect(chunks.map((chunk) => chunk.content).join("")).toBe(ANSWER);
    expect(result?.content).toBe(ANSWER);
    expect(result?.estimated).toBe(false);
    // The deltas' local counts plus the last chunk's correction add up to the reported output exactly.
    expect(sumOf(chunks)).toBe(result?.tokensOutput);
    const metadata = (result?.raw as AIMessageChunk).response_metadata as { metadata: { usage: Record<string, number>; metrics: unknown }; messageStop: { stopReason: string } };
    expect(result?.tokensOutput).toBe(metadata.metadata.usage.outputTokens);
    expect(result?.tokensInput).toBe(metadata.metadata.usage.inputTokens);
    expect(metadata.messageStop.stopReason).toBe("end_turn");
    expect(metadata.metadata.metrics).toEqual({ latencyMs: expect.any(Number) });
    expect(result?.cost).toBeCloseTo(((result?.tokensInput ?? NaN) * 3 + (result?.tokensOutput ?? NaN) * 15) / 1e6, 12);
    expect(server.requests.map((request) => request.operation)).toEqual(["converse-stream"]);
  });

  it("keeps the local per-delta counts close to Bedrock's: the last chunk corrects by little", async () => {
    server.reply({ text: ANSWER });
    const { chunks } = await drain(providerFor(server.url).stream({ messages: prompt }));
    const reported = chunks.at(-1)?.result?.tokensOutput ?? NaN;
    const correction = chunks.at(-1)?.tokensOutput ?? NaN;
    expect(Math.abs(correction)).toBeLessThanOrEqual(Math.ceil(reported * 0.1));
  });

  it("uses the scripted usage for the last chunk and sums to it exactly", async () => {
    server.reply({ text: ANSWER, usage: { inputTokens: 40, outputTokens: 31 } });
    const { chunks } = await drain(providerFor(server.url).stream({ messages: prompt }));
    expect(sumOf(chunks)).toBe(31);
    expect(chunks.at(-1)?.result?.cost).toBeCloseTo((40 * 3 + 31 * 15) / 1e6, 12);
  });

  it("ends with a ProviderError (reason stream) carrying an estimated partial when Bedrock sends an in-stream exception, and the tracker records that estimate", async () => {
    const tracker = new CostTracker();
    server.reply({ text: ANSWER, streamException: { type: "modelStreamErrorException", message: "Model stream failed mid-way.", afterChunks: 3 } });
    const { chunks, error } = await drain(providerFor(server.url, { tracker }).stream({ messages: prompt }));
    expect(chunks.map((chunk) => chunk.content)).toEqual(["Fishing ", "boats ", "slip "]);
    expect(error).toBeInstanceOf(ProviderError);
    const failure = error as ProviderError;
    expect(failure).toMatchObject({ provider: "bedrock", model: SONNET_35, reason: "stream", retryable: true });
    expect(failure.message).toContain("Model stream failed mid-way.");
    expect((failure.cause as Error).name).toBe("ModelStreamErrorException");
    expect(failure.partial).toMatchObject({ content: "Fishing boats slip ", estimated: true, provider: "bedrock" });
    // The partial is counted locally over the whole text that arrived (and the prompt).
    expect(failure.partial?.tokensOutput).toBe(countOutput("Fishing boats slip "));
    expect(failure.partial?.tokensInput).toBe(providerFor(server.url).countTokens({ messages: prompt }).input);
    expect(tracker.calls).toHaveLength(1);
    const tracked = tracker.calls[0];
    expect(tracked).toMatchObject({ estimated: true, content: "Fishing boats slip " });
    expect([tracked?.tokensInput, tracked?.tokensOutput, tracked?.cost]).toEqual([failure.partial?.tokensInput, failure.partial?.tokensOutput, failure.partial?.cost]);
    expect(tracker.totals()).toMatchObject({ calls: 1, estimated: 1 });
  });

  it("ends with a ProviderError carrying the estimated partial when the connection is cut mid-stream", async () => {
    server.reply({ text: ANSWER, cutAfterChunks: 2 });
    const { chunks, error } = await drain(providerFor(server.url).stream({ messages: prompt }));
    expect(chunks.map((chunk) => chunk.content)).toEqual(["Fishing ", "boats "]);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).partial).toMatchObject({ content: "Fishing boats ", estimated: true });
    expect((error as ProviderError).partial?.tokensOutput).toBe(countOutput("Fishing boats "));
  });
});
