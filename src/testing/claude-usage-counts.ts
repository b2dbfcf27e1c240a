import { arrayOf, isJsonObject, objectOf, stringOf } from "./json-values";

type ClaudeTokenizer = ReturnType<typeof import("@anthropic-ai/tokenizer").getTokenizer>;
let tokenizer: ClaudeTokenizer | undefined;

function buildTokenizer(): ClaudeTokenizer {
  // Required on first use: loading the module loads its ranks and tiktoken's WASM (never at import).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("@anthropic-ai/tokenizer") as typeof import("@anthropic-ai/tokenizer")).getTokenizer();
}

/**
 * Tokens of a text by `@anthropic-ai/tokenizer` (the public, approximate Claude tokenizer): NFKC
 * normalised, special-token text allowed — the same number as its `countTokens(text)`. Claude 3+
 * tokenizers are not public, so this is an approximation of what Bedrock bills, used identically by
 * Converse, ConverseStream and CountTokens. The tokenizer is built once, on first use.
 */
export function claudeTokens(text: string): number {
  tokenizer ??= buildTokenizer();
  return tokenizer.encode(text.normalize("NFKC"), "all").length;
}

/** Tokens added per message by the Bedrock stand-in's framing. */
export const CLAUDE_TOKENS_PER_MESSAGE = 3;

/**
 * Tokens of one Converse content block: `text`; `toolUse` name + JSON of input; `toolResult` the
 * sum of its text / JSON parts; anything else (images, documents, cachePoint, reasoning) 0.
 */
function blockTokens(block: unknown): number {
  if (!isJsonObject(block)) return 0;
  const text = stringOf(block.text);
  if (text !== undefined) return claudeTokens(text);
  if (isJsonObject(block.toolUse)) {
    return claudeTokens(stringOf(block.toolUse.name) ?? "") + claudeTokens(JSON.stringify(block.toolUse.input ?? {}));
  }
  if (isJsonObject(block.json)) return claudeTokens(JSON.stringify(block.json));
  return arrayOf(objectOf(block.toolResult).content).reduce<number>((sum, part) => sum + blockTokens(part), 0);
}

/** Converse input as the request carries it (`messages`, `system`), or CountTokens' `input.converse`. */
export interface ConverseInput {
  messages?: unknown;
  system?: unknown;
}

/**
 * Input tokens the Bedrock stand-in bills for a Converse request, and what CountTokens answers for
 * the same `messages` / `system`: Σ claudeTokens(system text blocks) + Σ over messages of
 * (3 + Σ tokens of its content blocks). Tool definitions (`toolConfig`) are not counted.
 */
export function converseInputTokens(input: ConverseInput): number {
  const system = arrayOf(input.system).reduce<number>((sum, block) => sum + blockTokens(block), 0);
  return arrayOf(input.messages).reduce<number>(
    (sum, message) =>
      sum + CLAUDE_TOKENS_PER_MESSAGE + arrayOf(objectOf(message).content).reduce<number>((s, b) => s + blockTokens(b), 0),
    system,
  );
}

/** Output tokens of a Converse reply: claudeTokens(text) + name + JSON of input for each tool use. */
export function converseOutputTokens(text: string, toolUses: readonly { name: string; input: unknown }[]): number {
  return toolUses.reduce(
    (sum, toolUse) => sum + claudeTokens(toolUse.name) + claudeTokens(JSON.stringify(toolUse.input)),
    claudeTokens(text),
  );
}
