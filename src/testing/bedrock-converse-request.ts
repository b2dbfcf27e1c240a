import { arrayOf, isJsonObject, objectOf, stringOf, type JsonObject } from "./json-values";
import type { ReplyContext } from "./reply-content";
import { toolsToCall, type ToolChoice, type ToolRequest } from "./tool-choice-policy";

/** What a Converse / ConverseStream request asks for, read from its body. */
export interface ConverseRequest {
  messages: unknown[];
  system: unknown;
  context: ReplyContext;
  /** `additionalModelResponseFieldPaths`: JSON pointers into the model's own response. */
  responseFieldPaths: string[];
  /** `serviceTier.type`, when the request asks for a tier. */
  serviceTier?: string;
}

/** The text blocks of a message or of `system`, joined with spaces. */
function textOfBlocks(blocks: unknown): string {
  return arrayOf(blocks)
    .map((block) => stringOf(objectOf(block).text))
    .filter((text): text is string => text !== undefined)
    .join(" ");
}

/** Whether a message carries `toolResult` blocks. */
function hasToolResults(message: unknown): boolean {
  return arrayOf(objectOf(message).content).some((block) => isJsonObject(objectOf(block).toolResult));
}

/** `toolConfig.toolChoice`: absent / `{ auto: {} }`, `{ any: {} }` (required) or `{ tool: { name } }`. */
function toolChoiceOf(choice: JsonObject): ToolChoice {
  if (isJsonObject(choice.any)) return { kind: "required" };
  const name = stringOf(objectOf(choice.tool).name);
  return name === undefined ? { kind: "auto" } : { kind: "named", name };
}

/** The last turn: a user message with tool results, a user message, or other. */
function lastTurnOf(messages: unknown[]): ToolRequest["lastTurn"] {
  const last = messages.at(-1);
  if (objectOf(last).role !== "user") return "other";
  return hasToolResults(last) ? "tool-result" : "user";
}

/** The toolSpecs, the tool choice and the texts that may name tools (system, last user text). */
function toolRequestOf(body: JsonObject, messages: unknown[], lastUserText: string): ToolRequest {
  const toolConfig = objectOf(body.toolConfig);
  const tools = arrayOf(toolConfig.tools)
    .map((tool) => objectOf(objectOf(tool).toolSpec))
    .flatMap((spec) => (typeof spec.name === "string" ? [{ name: spec.name, schema: objectOf(spec.inputSchema).json ?? {} }] : []));
  return {
    tools,
    choice: toolChoiceOf(objectOf(toolConfig.toolChoice)),
    parallel: true,
    lastTurn: lastTurnOf(messages),
    namingText: [textOfBlocks(body.system), lastUserText].join("\n"),
  };
}

/** Only the strings of a list. */
const stringsOf = (value: unknown): string[] => arrayOf(value).filter((item): item is string => typeof item === "string");

/**
 * Reads a Converse body. The last user text is that of the last user message with text blocks
 * (a message of tool results only is skipped), so the answer after a tool call quotes the question.
 */
export function readConverseRequest(body: JsonObject): ConverseRequest {
  const messages = arrayOf(body.messages);
  const lastUser = [...messages].reverse().find((message) => objectOf(message).role === "user" && textOfBlocks(objectOf(message).content) !== "");
  const lastUserText = textOfBlocks(objectOf(lastUser).content);
  return {
    messages,
    system: body.system,
    context: {
      lastUserText,
      toolsToCall: toolsToCall(toolRequestOf(body, messages, lastUserText)),
      stopSequences: stringsOf(objectOf(body.inferenceConfig).stopSequences),
    },
    responseFieldPaths: stringsOf(body.additionalModelResponseFieldPaths),
    serviceTier: stringOf(objectOf(body.serviceTier).type),
  };
}
