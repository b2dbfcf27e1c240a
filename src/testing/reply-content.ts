import { sampleFromSchema } from "./json-schema-sample";
import { objectOf } from "./json-values";
import { defaultReplyText } from "./scripted-replies";
import type { ScriptedReply } from "./stand-in-types";
import { cutAtStopSequence } from "./stop-sequences";
import type { BoundTool } from "./tool-choice-policy";

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
  /** The stop sequence that ended the text, when one did (the tool calls after it are then not made). */
  stopSequence?: string;
}

/** What the request asked for that shapes the default reply. */
export interface ReplyContext {
  /** Text of the last user message. */
  lastUserText: string;
  /** The tools the model calls when no script decides, as `toolsToCall` chose them. */
  toolsToCall: BoundTool[];
  /** The JSON schema the text must conform to (response_format json_schema / json_object). */
  responseSchema?: unknown;
  /** OpenAI `stop` / Bedrock `inferenceConfig.stopSequences`. */
  stopSequences: string[];
}

/** The reply before stop sequences apply. */
function generatedReply(script: ScriptedReply, context: ReplyContext, newToolCallId: () => string): PlannedReply {
  const toolCalls = (script.toolCalls ?? []).map((call) => ({
    id: call.id ?? newToolCallId(),
    name: call.name,
    args: call.args,
  }));
  if (script.text !== undefined) return { text: script.text, toolCalls };
  if (toolCalls.length > 0) return { text: "", toolCalls };
  if (script.toolCalls === undefined && context.toolsToCall.length > 0) {
    const calls = context.toolsToCall.map((tool) => ({
      id: newToolCallId(),
      name: tool.name,
      args: objectOf(sampleFromSchema(tool.schema)),
    }));
    return { text: "", toolCalls: calls };
  }
  if (context.responseSchema !== undefined) {
    return { text: JSON.stringify(sampleFromSchema(context.responseSchema)), toolCalls: [] };
  }
  return { text: defaultReplyText(context.lastUserText), toolCalls: [] };
}

/**
 * The reply to send. Scripted text and tool calls win, and a script's `toolCalls: []` asks for text.
 * Otherwise: the tools `toolsToCall` chose get one call each with schema-conforming arguments
 * ({@link sampleFromSchema}; `{}` when the schema describes no object) and no text; a response schema gets a schema-conforming JSON text;
 * anything else gets {@link defaultReplyText} of the last user message. Then the stop sequences cut
 * the text ({@link cutAtStopSequence}); a text they cut makes no tool calls.
 */
export function planReply(script: ScriptedReply, context: ReplyContext, newToolCallId: () => string): PlannedReply {
  const reply = generatedReply(script, context, newToolCallId);
  const stopped = cutAtStopSequence(reply.text, context.stopSequences);
  if (stopped.matched === undefined) return reply;
  return { text: stopped.text, toolCalls: [], stopSequence: stopped.matched };
}
