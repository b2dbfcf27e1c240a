import { converseInputTokens, converseOutputTokens } from "./claude-usage-counts";
import type { HttpExchange } from "./http-exchange";
import { readConverseRequest } from "./bedrock-converse-request";
import type { JsonObject } from "./json-values";
import { planReply, type PlannedReply } from "./reply-content";
import type { ScriptedCacheDetail, ScriptedReply } from "./stand-in-types";
import { usageBlockOf } from "./usage-block";

/** Converse's `usage` object, in Bedrock's semantics (inputTokens excludes cache reads and writes). */
export interface ConverseUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
  /** The cache writes by TTL, 1h first. */
  cacheDetails?: ScriptedCacheDetail[];
}

/** Counters that make ids unique per server. */
export interface ConverseIds {
  /** The next tool use id (`tooluse_standin_<n>`). */
  toolUse(): string;
  /** The next `x-amzn-requestid` (LangChain takes it as the message id, so each answer needs its own). */
  request(): string;
}

/** A Converse / ConverseStream answer before it is serialised. */
export interface ConverseAnswer {
  /** Sent as `x-amzn-requestid`. */
  requestId: string;
  reply: PlannedReply;
  stopReason: string;
  /** The model's own response fields that `additionalModelResponseFieldPaths` asked for. */
  additionalModelResponseFields?: JsonObject;
  usage: ConverseUsage;
  /** `serviceTier.type` of the answer, when there is one. */
  serviceTier?: string;
}

/** The fields of the model's own response that `additionalModelResponseFieldPaths` can ask for. */
const RESPONSE_FIELDS: Record<string, (stopSequence: string | null) => JsonObject> = {
  "/stop_sequence": (stopSequence) => ({ stop_sequence: stopSequence }),
  "/delta/stop_sequence": (stopSequence) => ({ delta: { stop_sequence: stopSequence } }),
};

/**
 * `additionalModelResponseFields` for the requested paths: `/stop_sequence` gives `{ stop_sequence }`,
 * `/delta/stop_sequence` gives `{ delta: { stop_sequence } }` (the matched sequence, or null); other
 * paths add nothing. Undefined when no known path is asked for (Bedrock then sends no such field).
 */
function additionalResponseFields(paths: readonly string[], stopSequence: string | undefined): JsonObject | undefined {
  const fields = paths.flatMap((path) => RESPONSE_FIELDS[path]?.(stopSequence ?? null) ?? []);
  return fields.length === 0 ? undefined : (Object.assign({}, ...fields) as JsonObject);
}

/** The script's stop reason, else "stop_sequence" after a stop sequence, "tool_use" with tool calls, or "end_turn". */
function stopReasonOf(script: ScriptedReply, reply: PlannedReply): string {
  if (script.stopReason !== undefined) return script.stopReason;
  if (reply.stopSequence !== undefined) return "stop_sequence";
  return reply.toolCalls.length > 0 ? "tool_use" : "end_turn";
}

/**
 * What Converse answers for a request body: the planned reply (see `planReply`), its stop reason
 * ({@link stopReasonOf}), the requested `additionalModelResponseFields`, and usage computed with
 * `converseInputTokens` / `converseOutputTokens`, overridden field by field by the script. Cache
 * fields appear only when scripted.
 */
export function converseAnswer(body: JsonObject, script: ScriptedReply, ids: ConverseIds): ConverseAnswer {
  const request = readConverseRequest(body);
  const reply = planReply(script, request.context, () => ids.toolUse());
  const scripted = script.usage ?? {};
  const inputTokens = scripted.inputTokens ?? converseInputTokens({ messages: request.messages, system: request.system });
  const outputTokens =
    scripted.outputTokens ?? converseOutputTokens(reply.text, reply.toolCalls.map((call) => ({ name: call.name, input: call.args })));
  const cacheRead = scripted.cacheReadTokens;
  // Bedrock sorts the details by TTL, 1h before 5m.
  const cacheDetails = scripted.cacheDetails === undefined ? undefined : [...scripted.cacheDetails].sort((a, b) => (a.ttl === b.ttl ? 0 : a.ttl === "1h" ? -1 : 1));
  const cacheWrite = scripted.cacheWriteTokens ?? cacheDetails?.reduce((sum, detail) => sum + detail.inputTokens, 0);
  const serviceTier = script.serviceTier ?? request.serviceTier;
  return {
    requestId: ids.request(),
    reply,
    stopReason: stopReasonOf(script, reply),
    additionalModelResponseFields: additionalResponseFields(request.responseFieldPaths, reply.stopSequence),
    usage: {
      inputTokens,
      outputTokens,
      totalTokens: inputTokens + outputTokens + (cacheRead ?? 0) + (cacheWrite ?? 0),
      ...(cacheRead === undefined ? {} : { cacheReadInputTokens: cacheRead }),
      ...(cacheWrite === undefined ? {} : { cacheWriteInputTokens: cacheWrite }),
      ...(cacheDetails === undefined ? {} : { cacheDetails }),
    },
    ...(serviceTier === undefined ? {} : { serviceTier }),
  };
}

/** The assistant message's content blocks: the text (left out when empty beside tool uses), then toolUse blocks. */
function contentBlocks(reply: PlannedReply): JsonObject[] {
  const text = reply.text === "" && reply.toolCalls.length > 0 ? [] : [{ text: reply.text }];
  return [...text, ...reply.toolCalls.map((call) => ({ toolUse: { toolUseId: call.id, name: call.name, input: call.args } }))];
}

/** Answers POST /model/{id}/converse with Converse's JSON (output.message, stopReason, usage, metrics, serviceTier). */
export function answerConverse(answer: ConverseAnswer, script: ScriptedReply, exchange: HttpExchange, startedAt: number): void {
  const response = {
    output: { message: { role: "assistant", content: contentBlocks(answer.reply) } },
    stopReason: answer.stopReason,
    ...(answer.additionalModelResponseFields === undefined ? {} : { additionalModelResponseFields: answer.additionalModelResponseFields }),
    usage: usageBlockOf(script, answer.usage),
    metrics: { latencyMs: Date.now() - startedAt },
    ...(answer.serviceTier === undefined ? {} : { serviceTier: { type: answer.serviceTier } }),
  };
  const body = script.malformed === true ? '{"output": {"message": ' : JSON.stringify(response);
  exchange.send(200, { "content-type": "application/json", "x-amzn-requestid": answer.requestId }, body);
}
