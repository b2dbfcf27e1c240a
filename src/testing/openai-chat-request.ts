import { arrayOf, isJsonObject, numberOf, objectOf, stringOf, type JsonObject } from "./json-values";
import type { ReplyContext } from "./reply-content";
import { toolsToCall, type ToolChoice, type ToolRequest } from "./tool-choice-policy";

/** The dated snapshot OpenAI answers for an alias (the response's `model`). */
const SNAPSHOTS: Record<string, string> = {
  "gpt-4o": "gpt-4o-2024-08-06",
  "gpt-4o-mini": "gpt-4o-mini-2024-07-18",
  "gpt-4-turbo": "gpt-4-turbo-2024-04-09",
  "gpt-4.1": "gpt-4.1-2025-04-14",
  "gpt-4.1-mini": "gpt-4.1-mini-2025-04-14",
  "gpt-4.1-nano": "gpt-4.1-nano-2025-04-14",
  "gpt-3.5-turbo": "gpt-3.5-turbo-0125",
  o1: "o1-2024-12-17",
  o3: "o3-2025-04-16",
  "o3-mini": "o3-mini-2025-01-31",
  "o4-mini": "o4-mini-2025-04-16",
  "gpt-5": "gpt-5-2025-08-07",
  "gpt-5-mini": "gpt-5-mini-2025-08-07",
  "gpt-5-nano": "gpt-5-nano-2025-08-07",
};

/** The model id the stand-in answers: the dated snapshot of a known alias, else the id as requested. */
export function answeredModel(requested: string): string {
  return SNAPSHOTS[requested] ?? requested;
}

/** The `service_tier` OpenAI answers for the one asked for: that tier, or "default" for `auto` or none. */
export function answeredServiceTier(requested: string | undefined): string {
  return requested === undefined || requested === "auto" ? "default" : requested;
}

/** What a chat-completions request asks for, read from its body. */
export interface ChatRequest {
  model: string;
  messages: unknown[];
  stream: boolean;
  includeUsage: boolean;
  /** Number of `top_logprobs`, or undefined when `logprobs` is off. */
  topLogprobs?: number;
  /** The `service_tier` asked for, if any. */
  serviceTier?: string;
  context: ReplyContext;
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  return arrayOf(content)
    .map((part) => stringOf(objectOf(part).text))
    .filter((text): text is string => text !== undefined)
    .join(" ");
}

/** `tool_choice`: absent / "auto", "none", "required", or `{ type: "function", function: { name } }` (anything else counts as auto). */
function toolChoiceOf(choice: unknown): ToolChoice {
  if (choice === "none" || choice === "required") return { kind: choice };
  const name = stringOf(objectOf(objectOf(choice).function).name);
  return name === undefined ? { kind: "auto" } : { kind: "named", name };
}

/** What the last message is: the user's turn, a tool result (`role: "tool"`, or the legacy "function"), or other. */
function lastTurnOf(messages: unknown[]): ToolRequest["lastTurn"] {
  const role = objectOf(messages.at(-1)).role;
  if (role === "user") return "user";
  return role === "tool" || role === "function" ? "tool-result" : "other";
}

/** The function tools, `tool_choice`, `parallel_tool_calls` and the texts that may name tools (system / developer, last user). */
function toolRequestOf(body: JsonObject, messages: unknown[], lastUserText: string): ToolRequest {
  const tools = arrayOf(body.tools)
    .map((tool) => objectOf(objectOf(tool).function))
    .flatMap((fn) => (typeof fn.name === "string" ? [{ name: fn.name, schema: fn.parameters ?? {} }] : []));
  const systemText = messages
    .filter((message) => ["system", "developer"].includes(String(objectOf(message).role)))
    .map((message) => textOf(objectOf(message).content));
  return {
    tools,
    choice: toolChoiceOf(body.tool_choice),
    parallel: body.parallel_tool_calls !== false,
    lastTurn: lastTurnOf(messages),
    namingText: [...systemText, lastUserText].join("\n"),
  };
}

/** `stop`: a string or an array of strings. */
function stopSequencesOf(stop: unknown): string[] {
  if (typeof stop === "string") return [stop];
  return arrayOf(stop).filter((sequence): sequence is string => typeof sequence === "string");
}

/** The JSON schema `response_format` asks for (json_object: an object with a string `reply`). */
function responseSchema(body: JsonObject): unknown {
  const format = objectOf(body.response_format);
  if (format.type === "json_schema") return objectOf(format.json_schema).schema ?? {};
  if (format.type === "json_object") return { type: "object", properties: { reply: { type: "string" } } };
  return undefined;
}

/** Reads a chat-completions body (already checked to have a string `model` and a `messages` array). */
export function readChatRequest(body: JsonObject): ChatRequest {
  const messages = arrayOf(body.messages);
  const lastUser = [...messages].reverse().find((message) => isJsonObject(message) && message.role === "user");
  const lastUserText = textOf(objectOf(lastUser).content);
  return {
    model: String(body.model),
    messages,
    stream: body.stream === true,
    includeUsage: objectOf(body.stream_options).include_usage === true,
    topLogprobs: body.logprobs === true ? Math.min(20, numberOf(body.top_logprobs) ?? 0) : undefined,
    serviceTier: stringOf(body.service_tier),
    context: {
      lastUserText,
      toolsToCall: toolsToCall(toolRequestOf(body, messages, lastUserText)),
      responseSchema: responseSchema(body),
      stopSequences: stopSequencesOf(body.stop),
    },
  };
}
