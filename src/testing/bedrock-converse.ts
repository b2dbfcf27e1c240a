import { BEDROCK_REQUEST_ID } from "./aws-errors";
import { converseInputTokens, converseOutputTokens } from "./claude-usage-counts";
import type { HttpExchange } from "./http-exchange";
import { arrayOf, isJsonObject, objectOf, stringOf, type JsonObject } from "./json-values";
import { planReply, type PlannedReply, type ReplyContext } from "./reply-content";
import type { ScriptedReply } from "./stand-in-types";
import { usageBlockOf } from "./usage-block";

/** Converse's `usage` object, in Bedrock's semantics (inputTokens excludes cache reads and writes). */
export interface ConverseUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

/** A Converse / ConverseStream answer before it is serialised. */
export interface ConverseAnswer {
  reply: PlannedReply;
  stopReason: string;
  usage: ConverseUsage;
}

/** The tool `toolConfig.toolChoice` forces (`tool` by name, or the first tool for `any`). */
function forcedTool(body: JsonObject): ReplyContext["forcedTool"] {
  const toolConfig = objectOf(body.toolConfig);
  const specs = arrayOf(toolConfig.tools).map((tool) => objectOf(objectOf(tool).toolSpec));
  const choice = objectOf(toolConfig.toolChoice);
  const name = isJsonObject(choice.any) ? stringOf(specs[0]?.name) : stringOf(objectOf(choice.tool).name);
  const chosen = specs.find((spec) => name !== undefined && spec.name === name);
  return chosen === undefined ? undefined : { name: String(chosen.name), schema: objectOf(chosen.inputSchema).json ?? {} };
}

/** Text blocks of the last user message, joined with spaces. */
function lastUserText(messages: unknown[]): string {
  const last = [...messages].reverse().find((message) => objectOf(message).role === "user");
  return arrayOf(objectOf(last).content)
    .map((block) => stringOf(objectOf(block).text))
    .filter((text): text is string => text !== undefined)
    .join(" ");
}

/**
 * What Converse answers for a request body: the planned reply (see `planReply`), its stop reason
 * ("tool_use" with tool calls, else "end_turn", or the script's), and usage computed with
 * `converseInputTokens` / `converseOutputTokens`, overridden field by field by the script. Cache
 * fields appear only when scripted.
 */
export function converseAnswer(body: JsonObject, script: ScriptedReply, newToolUseId: () => string): ConverseAnswer {
  const messages = arrayOf(body.messages);
  const reply = planReply(script, { lastUserText: lastUserText(messages), forcedTool: forcedTool(body) }, newToolUseId);
  const scripted = script.usage ?? {};
  const inputTokens = scripted.inputTokens ?? converseInputTokens({ messages, system: body.system });
  const outputTokens =
    scripted.outputTokens ?? converseOutputTokens(reply.text, reply.toolCalls.map((call) => ({ name: call.name, input: call.args })));
  const cacheRead = scripted.cacheReadTokens;
  const cacheWrite = scripted.cacheWriteTokens;
  return {
    reply,
    stopReason: script.stopReason ?? (reply.toolCalls.length > 0 ? "tool_use" : "end_turn"),
    usage: {
      inputTokens,
      outputTokens,
      totalTokens: inputTokens + outputTokens + (cacheRead ?? 0) + (cacheWrite ?? 0),
      ...(cacheRead === undefined ? {} : { cacheReadInputTokens: cacheRead }),
      ...(cacheWrite === undefined ? {} : { cacheWriteInputTokens: cacheWrite }),
    },
  };
}

/** The assistant message's content blocks: the text (left out when empty beside tool uses), then toolUse blocks. */
function contentBlocks(reply: PlannedReply): JsonObject[] {
  const text = reply.text === "" && reply.toolCalls.length > 0 ? [] : [{ text: reply.text }];
  return [...text, ...reply.toolCalls.map((call) => ({ toolUse: { toolUseId: call.id, name: call.name, input: call.args } }))];
}

/** Answers POST /model/{id}/converse with Converse's JSON (output.message, stopReason, usage, metrics). */
export function answerConverse(answer: ConverseAnswer, script: ScriptedReply, exchange: HttpExchange, startedAt: number): void {
  const response = {
    output: { message: { role: "assistant", content: contentBlocks(answer.reply) } },
    stopReason: answer.stopReason,
    usage: usageBlockOf(script, answer.usage),
    metrics: { latencyMs: Date.now() - startedAt },
  };
  const body = script.malformed === true ? '{"output": {"message": ' : JSON.stringify(response);
  exchange.send(200, { "content-type": "application/json", "x-amzn-requestid": BEDROCK_REQUEST_ID }, body);
}
