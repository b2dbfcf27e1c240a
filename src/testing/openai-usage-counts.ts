import type { Tiktoken } from "tiktoken";
import { arrayOf, isJsonObject, objectOf, stringOf } from "./json-values";

/** The tiktoken encodings the OpenAI stand-in uses. */
export type OpenAIEncodingName = "o200k_base" | "cl100k_base";

/**
 * An encoding as the stand-in uses it. Text that looks like a special token (`<|endoftext|>`) is
 * encoded as plain text, as the API does.
 */
interface TokenEncoding {
  encode(text: string): Uint32Array;
  /** The UTF-8 bytes of one token (a part of a character, for some tokens). */
  tokenBytes(token: number): Uint8Array;
}

const loadedEncodings = new Map<OpenAIEncodingName, Promise<TokenEncoding>>();

/**
 * The encoding of an OpenAI model: `o200k_base` for gpt-4o*, chatgpt-4o*, gpt-4.1*, gpt-4.5*, gpt-5*,
 * o1/o3/o4*; `cl100k_base` for gpt-4-turbo, gpt-4, gpt-3.5* and text-embedding-*; `o200k_base` otherwise.
 */
export function openAIEncodingName(model: string): OpenAIEncodingName {
  const id = model.replace(/^ft:/, "");
  if (/^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o\d)/.test(id)) return "o200k_base";
  if (/^(gpt-4|gpt-3\.5|text-embedding-)/.test(id)) return "cl100k_base";
  return "o200k_base";
}

function asTokenEncoding(encoder: Tiktoken): TokenEncoding {
  return { encode: (text) => encoder.encode_ordinary(text), tokenBytes: (token) => encoder.decode_single_token_bytes(token) };
}

/**
 * tiktoken's (WASM) encoding: a different implementation from the package's own counting
 * (gpt-tokenizer), with the same token ids. Loaded on first use only (~0.3 s for o200k_base), then kept.
 */
function encodingFor(model: string): Promise<TokenEncoding> {
  const name = openAIEncodingName(model);
  let encoding = loadedEncodings.get(name);
  if (encoding === undefined) {
    encoding = import("tiktoken").then(({ get_encoding }) => asTokenEncoding(get_encoding(name)));
    loadedEncodings.set(name, encoding);
  }
  return encoding;
}

/** Tokens of a text in the model's encoding. */
export async function openAITextTokens(text: string, model: string): Promise<number> {
  return (await encodingFor(model)).encode(text).length;
}

/** Tokens of a message's `content`: a string, or the sum over its `{ type: "text", text }` parts. */
function contentTokens(content: unknown, encoding: TokenEncoding): number {
  if (typeof content === "string") return encoding.encode(content).length;
  return arrayOf(content).reduce<number>((sum, part) => {
    const text = stringOf(objectOf(part).text);
    return text === undefined ? sum : sum + encoding.encode(text).length;
  }, 0);
}

/** Tokens of an assistant message's tool calls: name + arguments JSON of each. */
function toolCallTokens(toolCalls: unknown, encoding: TokenEncoding): number {
  return arrayOf(toolCalls).reduce<number>((sum, call) => {
    const fn = objectOf(objectOf(call).function);
    const name = stringOf(fn.name) ?? "";
    const args = stringOf(fn.arguments) ?? "";
    return sum + encoding.encode(name).length + encoding.encode(args).length;
  }, 0);
}

/** Tokens added per message by OpenAI's chat framing. */
export const OPENAI_TOKENS_PER_MESSAGE = 3;
/** Tokens that prime every reply. */
export const OPENAI_REPLY_PRIMING_TOKENS = 3;

/**
 * `prompt_tokens` of a chat request as the OpenAI stand-in bills it (the OpenAI cookbook's framing):
 * per message 3 + tokens(role) + tokens(content) (+ tokens(name) + 1 when `name` is set)
 * (+ tokens(name) + tokens(arguments) per tool call), then 3 for the reply priming. Content is a string
 * or text parts (other parts count 0); tool definitions and `tool_call_id` are not counted.
 * `messages` are the request body's messages (`{ role, content, name?, tool_calls? }`).
 */
export async function openAIPromptTokens(messages: readonly unknown[], model: string): Promise<number> {
  const encoding = await encodingFor(model);
  let total = OPENAI_REPLY_PRIMING_TOKENS;
  for (const message of messages) {
    if (!isJsonObject(message)) continue;
    total += OPENAI_TOKENS_PER_MESSAGE;
    total += encoding.encode(stringOf(message.role) ?? "").length;
    total += contentTokens(message.content, encoding);
    const name = stringOf(message.name);
    if (name !== undefined) total += encoding.encode(name).length + 1;
    total += toolCallTokens(message.tool_calls, encoding);
  }
  return total;
}

/** A tool call as the OpenAI stand-in answers it. */
export interface AnsweredToolCall {
  name: string;
  /** The JSON arguments text. */
  arguments: string;
}

/** `completion_tokens` of a reply: tokens(text) + tokens(name) + tokens(arguments) of each tool call. */
export async function openAICompletionTokens(
  text: string,
  toolCalls: readonly AnsweredToolCall[],
  model: string,
): Promise<number> {
  const encoding = await encodingFor(model);
  return toolCalls.reduce(
    (sum, call) =>
      sum + encoding.encode(call.name).length + encoding.encode(call.arguments).length,
    encoding.encode(text).length,
  );
}

/** A run of reply text made of whole characters, with the tokens that completed it. */
export interface TokenPiece {
  text: string;
  /** The text of each token, decoded as a stream: a character split across tokens belongs to the token that completes it, so they join to `text`. */
  tokens: string[];
}

const utf8 = new TextDecoder();

/** The texts of consecutive tokens, decoded as a stream: a character split across tokens goes to the token that completes it. */
function tokenTexts(tokenBytes: readonly Uint8Array[]): string[] {
  const decoder = new TextDecoder();
  return tokenBytes.map((bytes) => decoder.decode(bytes, { stream: true }));
}

/**
 * A reply text cut into the pieces a stream sends: one per token, except that tokens ending
 * inside a UTF-8 character wait for the token that completes it (decoded alone, such a token would
 * lose that character). The pieces join back to the text exactly.
 */
export async function openAITokenPieces(text: string, model: string): Promise<TokenPiece[]> {
  const encoding = await encodingFor(model);
  const pieces: TokenPiece[] = [];
  let pending: Uint8Array[] = [];
  let offset = 0;
  for (const token of encoding.encode(text)) {
    pending.push(encoding.tokenBytes(token));
    const pieceText = utf8.decode(Buffer.concat(pending));
    if (!text.startsWith(pieceText, offset)) continue;
    pieces.push({ text: pieceText, tokens: tokenTexts(pending) });
    offset += pieceText.length;
    pending = [];
  }
  return pieces;
}

/**
 * Tokens of each embeddings input: cl100k tokens of a text input, the length of a token-id input.
 * `usage.prompt_tokens` of the request is their sum.
 */
export async function embeddingTokenCounts(inputs: readonly (string | readonly number[])[]): Promise<number[]> {
  const encoding = await encodingFor("text-embedding-3-small");
  return inputs.map((input) => (typeof input === "string" ? encoding.encode(input).length : input.length));
}
