import { sampleFromSchema } from "./json-schema-sample";
import { defaultReplyText } from "./scripted-replies";
import type { ScriptedReply } from "./stand-in-types";

/** A tool call the stand-in answers with. */
export interface PlannedToolCall {
  id: string;
  name: string;
  args: Record<string, unknown>;
}

/** What the assistant says: its text and its tool calls. */
export interface PlannedReply {
  text: string;
  toolCalls: PlannedToolCall[];
}

/** What the request asked for that shapes the default reply. */
export interface ReplyContext {
  /** Text of the last user message. */
  lastUserText: string;
  /** A tool the request forces (tool_choice / toolChoice), with its parameters' JSON schema. */
  forcedTool?: { name: string; schema: unknown };
  /** The JSON schema the text must conform to (response_format json_schema / json_object). */
  responseSchema?: unknown;
}

/**
 * The reply to send. Scripted text and tool calls win. Otherwise: a forced tool gets one call with
 * schema-conforming arguments ({@link sampleFromSchema}) and no text; a response schema gets a
 * schema-conforming JSON text; anything else gets {@link defaultReplyText} of the last user message.
 */
export function planReply(script: ScriptedReply, context: ReplyContext, newToolCallId: () => string): PlannedReply {
  const toolCalls = (script.toolCalls ?? []).map((call) => ({
    id: call.id ?? newToolCallId(),
    name: call.name,
    args: call.args,
  }));
  if (script.text !== undefined) return { text: script.text, toolCalls };
  if (toolCalls.length > 0) return { text: "", toolCalls };
  if (context.forcedTool !== undefined) {
    const args = sampleFromSchema(context.forcedTool.schema) as Record<string, unknown>;
    return { text: "", toolCalls: [{ id: newToolCallId(), name: context.forcedTool.name, args }] };
  }
  if (context.responseSchema !== undefined) {
    return { text: JSON.stringify(sampleFromSchema(context.responseSchema)), toolCalls: [] };
  }
  return { text: defaultReplyText(context.lastUserText), toolCalls: [] };
}
