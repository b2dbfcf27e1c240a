import type { BaseMessage } from "@langchain/core/messages";
import { messageText } from "../messages";

/** One part of a message, in the GenAI conventions' message schema. */
type MessagePart =
  | { type: "text"; content: string }
  | { type: "tool_call"; id?: string; name: string; arguments: unknown }
  | { type: "tool_call_response"; id?: string; result: string };

/** One message, in the GenAI conventions' message schema (`gen_ai.input.messages` / `gen_ai.output.messages`). */
interface ConventionMessage {
  role: string;
  parts: MessagePart[];
  finish_reason?: string;
}

const ROLES: Record<string, string> = { system: "system", developer: "system", human: "user", ai: "assistant", tool: "tool" };

/** The tool calls an AI message asked for, as message parts. */
function toolCallParts(message: BaseMessage): MessagePart[] {
  const calls = (message as { tool_calls?: { id?: string; name: string; args: unknown }[] }).tool_calls ?? [];
  return calls.map((call) => ({ type: "tool_call", id: call.id, name: call.name, arguments: call.args }));
}

function conventionMessage(message: BaseMessage): ConventionMessage {
  const text = messageText(message);
  if (message.type === "tool") {
    return { role: "tool", parts: [{ type: "tool_call_response", id: (message as { tool_call_id?: string }).tool_call_id, result: text }] };
  }
  const parts: MessagePart[] = text === "" ? [] : [{ type: "text", content: text }];
  return { role: ROLES[message.type] ?? message.type, parts: [...parts, ...toolCallParts(message)] };
}

/** `gen_ai.input.messages`: the prompt, in order, as a JSON string (span attributes hold no structures). */
export function inputMessagesJson(prompt: readonly BaseMessage[]): string {
  return JSON.stringify(prompt.map(conventionMessage));
}

/**
 * `gen_ai.output.messages`: the answer as a JSON string: the final message when there is one (its
 * text and tool calls), else the text received (a stream that broke off).
 */
export function outputMessagesJson(final: BaseMessage | undefined, text: string, finishReason: string | undefined): string {
  // A streamed answer may merge into a chunk class of another type: the answer is the assistant's either way.
  const message: ConventionMessage =
    final === undefined ? { role: "assistant", parts: text === "" ? [] : [{ type: "text", content: text }] } : { ...conventionMessage(final), role: "assistant" };
  if (finishReason !== undefined) message.finish_reason = finishReason;
  return JSON.stringify([message]);
}
