import { EventStreamCodec } from "@smithy/eventstream-codec";
import type { ConverseAnswer } from "./bedrock-converse";
import type { HttpExchange } from "./http-exchange";
import { slices, wordPieces } from "./json-values";
import type { ScriptedReply } from "./stand-in-types";
import { playStream, type StreamFrame } from "./stream-playback";
import { usageBlockOf } from "./usage-block";

const toUtf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("utf8");
const fromUtf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "utf8"));
const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** Characters of tool input JSON per contentBlockDelta. */
const TOOL_INPUT_SLICE = 16;

const header = (value: string) => ({ type: "string" as const, value });

/** One AWS event-stream message carrying a ConverseStream event. */
function event(type: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: { ":event-type": header(type), ":content-type": header("application/json"), ":message-type": header("event") },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

/** One AWS event-stream exception message (e.g. "modelStreamErrorException"). */
function exceptionEvent(type: string, message: string): Uint8Array {
  return codec.encode({
    headers: { ":exception-type": header(type), ":content-type": header("application/json"), ":message-type": header("exception") },
    body: fromUtf8(JSON.stringify({ message })),
  });
}

/** A message whose checksum does not match: the SDK's decoder rejects it. */
function corruptEvent(): Uint8Array {
  const bytes = event("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "corrupt" } });
  bytes[bytes.length - 6] = (bytes[bytes.length - 6] ?? 0) ^ 0xff;
  return bytes;
}

/** The events of an answer: messageStart, text deltas by word, per tool use start/input deltas/stop, messageStop, metadata (usage, metrics, serviceTier). */
function answerFrames(answer: ConverseAnswer, script: ScriptedReply, latencyMs: number): StreamFrame[] {
  const frames: StreamFrame[] = [{ kind: "other", data: event("messageStart", { role: "assistant" }) }];
  let index = 0;
  if (answer.reply.text !== "") {
    for (const piece of wordPieces(answer.reply.text)) {
      frames.push({ kind: "content", data: event("contentBlockDelta", { contentBlockIndex: index, delta: { text: piece } }) });
    }
    frames.push({ kind: "other", data: event("contentBlockStop", { contentBlockIndex: index }) });
    index += 1;
  }
  for (const call of answer.reply.toolCalls) {
    const start = { toolUse: { toolUseId: call.id, name: call.name } };
    frames.push({ kind: "other", data: event("contentBlockStart", { contentBlockIndex: index, start }) });
    for (const input of slices(JSON.stringify(call.args), TOOL_INPUT_SLICE)) {
      frames.push({ kind: "content", data: event("contentBlockDelta", { contentBlockIndex: index, delta: { toolUse: { input } } }) });
    }
    frames.push({ kind: "other", data: event("contentBlockStop", { contentBlockIndex: index }) });
    index += 1;
  }
  const { stopReason, additionalModelResponseFields } = answer;
  frames.push({ kind: "closing", data: event("messageStop", { stopReason, additionalModelResponseFields }) });
  const serviceTier = answer.serviceTier === undefined ? {} : { serviceTier: { type: answer.serviceTier } };
  frames.push({ kind: "closing", data: event("metadata", { usage: usageBlockOf(script, answer.usage), metrics: { latencyMs }, ...serviceTier }) });
  return frames;
}

/**
 * Answers POST /model/{id}/converse-stream in AWS event-stream framing (`application/vnd.amazon.eventstream`,
 * encoded by `@smithy/eventstream-codec`), applying the script's stream faults: `cutAfterChunks`,
 * `streamException` (an exception message such as `modelStreamErrorException`), `malformed` (a bad checksum).
 */
export async function answerConverseStream(
  answer: ConverseAnswer,
  script: ScriptedReply,
  exchange: HttpExchange,
  startedAt: number,
): Promise<void> {
  const headers = { "content-type": "application/vnd.amazon.eventstream", "x-amzn-requestid": answer.requestId };
  await playStream(exchange, headers, answerFrames(answer, script, Date.now() - startedAt), script, {
    exception: (exception) => exceptionEvent(exception.type, exception.message ?? "The model stream failed."),
    corrupt: corruptEvent,
  });
}
