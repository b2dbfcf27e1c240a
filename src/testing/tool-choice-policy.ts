/** A tool a request binds, with its parameters' JSON schema. */
export interface BoundTool {
  name: string;
  schema: unknown;
}

/**
 * How a request lets the model choose tools: `auto` (OpenAI `tool_choice` absent or "auto", Bedrock
 * `toolChoice` absent or `{ auto: {} }`), `none` (OpenAI "none"), `required` (OpenAI "required",
 * Bedrock `{ any: {} }`) or one `named` tool (OpenAI `{ type: "function", function: { name } }`,
 * Bedrock `{ tool: { name } }`).
 */
export type ToolChoice = { kind: "auto" } | { kind: "none" } | { kind: "required" } | { kind: "named"; name: string };

/** What a request says about tools, read from either vendor's body. */
export interface ToolRequest {
  tools: BoundTool[];
  choice: ToolChoice;
  /** False when the request asks for one call at most (OpenAI `parallel_tool_calls: false`). */
  parallel: boolean;
  /** The last turn of the conversation: the user's text, tool results, or anything else. */
  lastTurn: "user" | "tool-result" | "other";
  /** The text tool names are looked for in: the system text, then the last user text. */
  namingText: string;
}

/** Where `name` first appears in `text` as a whole word (case-insensitive), or -1. */
function firstMention(text: string, name: string): number {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text.search(new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, "i"));
}

/** The tools `text` names, in the order they are first named (each once). */
function toolsNamedIn(text: string, tools: readonly BoundTool[]): BoundTool[] {
  return tools
    .filter((tool, index) => tools.findIndex((other) => other.name === tool.name) === index)
    .map((tool) => ({ tool, at: firstMention(text, tool.name) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => a.at - b.at)
    .map(({ tool }) => tool);
}

/**
 * The tools the stand-ins call when no script decides (docs/testing-agents.md): none without tools
 * or under "none"; the named tool when one is forced; under automatic choice nothing unless the
 * user's turn is last (after tool results the model answers in text); otherwise — automatic with
 * the user's turn last, or "required" / `any` — the tools the system or last user text names, in
 * the order they are named, else the first tool; only the first of those when `parallel` is false.
 */
export function toolsToCall(request: ToolRequest): BoundTool[] {
  const { tools, choice } = request;
  if (tools.length === 0 || choice.kind === "none") return [];
  if (choice.kind === "named") return tools.filter((tool) => tool.name === choice.name).slice(0, 1);
  if (choice.kind === "auto" && request.lastTurn !== "user") return [];
  const named = toolsNamedIn(request.namingText, tools);
  const chosen = named.length > 0 ? named : tools.slice(0, 1);
  return request.parallel ? chosen : chosen.slice(0, 1);
}
