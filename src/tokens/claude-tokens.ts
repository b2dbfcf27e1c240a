import type { BaseMessage } from "@langchain/core/messages";
import { messageText } from "../messages";
import { encodedLength } from "./encodings";
import { rememberCounts, rememberShortTextCounts } from "./remembered-counts";

/**
 * A fast local APPROXIMATION of Claude token counts (`exact: false` wherever it is reported).
 * Claude 3+ tokenizers are not public; Bedrock's CountTokens API gives the exact number.
 *
 * How: the text is NFKC-normalised and cut into pieces with the pre-tokenization pattern that
 * Anthropic's published (Claude 2) tokenizer uses: GPT-2's, which keeps punctuation, digits and
 * whitespace apart from words, unlike cl100k_base's. Each piece is then counted:
 * - whitespace: one token per line break with its indentation (blank lines before an indented
 *   line are one more), long runs split every 64 spaces, 8 tabs or 16 line breaks;
 * - digits: one token per 3 digits;
 * - anything else: its cl100k_base tokens × a factor per script, measured against Anthropic's
 *   public tokenizer over English, code, JSON, European languages, CJK and emoji text.
 * Over such text it stays within 10% of that tokenizer; very short CJK passages vary more (±20%).
 */
const PIECE = /'(?:s|t|re|ve|m|ll|d)| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
const WHITESPACE = /^\s+$/;
const DIGITS = /^ ?\p{N}+$/u;
const ASCII = /^\p{ASCII}*$/u;
const ASCII_LETTER = /[A-Za-z]/;
/** Line breaks with the spaces and tabs after them, or a run of spaces and tabs. */
const WHITESPACE_GROUP = /[\r\n]+[^\S\r\n]*|[^\S\r\n]+/g;

/** Claude tokens per cl100k_base token of a piece, by its script (the first match wins). */
const SCRIPT_FACTORS: readonly (readonly [RegExp, number])[] = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 1],
  [/\p{Script=Han}/u, 0.92],
  [/\p{Script=Hangul}/u, 1.17],
  [/\p{L}/u, 1.14],
];
/** Claude tokens per cl100k_base token of an ASCII word. */
const ASCII_WORD_FACTOR = 1.04;
const SPACES_PER_TOKEN = 64;
const TABS_PER_TOKEN = 8;
const LINE_BREAKS_PER_TOKEN = 16;
const DIGITS_PER_TOKEN = 3;

/** Approximate framing tokens per conversation message (system text has none). */
const TOKENS_PER_MESSAGE = 3;

/** At most this many remembered piece counts (pieces are words: they repeat a lot, so most lookups hit). */
const PIECE_LIMIT = 50_000;

function whitespaceTokens(piece: string): number {
  let total = 0;
  for (const group of piece.match(WHITESPACE_GROUP) ?? []) {
    let breaks = 0;
    let tabs = 0;
    let spaces = 0;
    for (const char of group) {
      if (char === "\n" || char === "\r") breaks++;
      else if (char === "\t") tabs++;
      else spaces++;
    }
    const indented = spaces + tabs > 0;
    if (breaks > 0 && !indented) total += Math.ceil(breaks / LINE_BREAKS_PER_TOKEN);
    else if (breaks > 0) total += 1 + Math.ceil((breaks - 1) / LINE_BREAKS_PER_TOKEN) + Math.floor(spaces / SPACES_PER_TOKEN) + Math.floor(tabs / TABS_PER_TOKEN);
    else total += Math.max(1, Math.ceil(spaces / SPACES_PER_TOKEN + tabs / TABS_PER_TOKEN));
  }
  return total;
}

function pieceTokens(piece: string): number {
  if (WHITESPACE.test(piece)) return whitespaceTokens(piece);
  if (DIGITS.test(piece)) return Math.ceil(piece.trimStart().length / DIGITS_PER_TOKEN);
  // Pieces have their own memory (below): counted directly, they stay out of the cl100k short-text memory.
  const base = encodedLength("cl100k_base", piece);
  if (ASCII.test(piece)) return ASCII_LETTER.test(piece) ? base * ASCII_WORD_FACTOR : base;
  const factor = SCRIPT_FACTORS.find(([script]) => script.test(piece))?.[1] ?? 1;
  return base * factor;
}

const cachedPieceTokens = rememberCounts(pieceTokens, PIECE_LIMIT);
/** Counts of texts, short ones remembered: stream deltas repeat. */
const textTokens = rememberShortTextCounts(countClaudeText);

/**
 * Approximate Claude tokens of a text (see the notes at the top of this file). A space at the very
 * end is not counted: in running text it is the start of the next word's token, which is what
 * keeps the sum over stream deltas ("Hello ", "world") close to the count of the whole text.
 */
export function claudeTextTokens(text: string): number {
  if (text === "") return 0;
  return textTokens(text);
}

function countClaudeText(text: string): number {
  const normalized = text.normalize("NFKC");
  let total = 0;
  let last = "";
  for (const [piece] of normalized.matchAll(PIECE)) {
    total += cachedPieceTokens(piece);
    last = piece;
  }
  if (last.endsWith(" ") && WHITESPACE.test(last)) total += whitespaceTokens(last.slice(0, -1)) - cachedPieceTokens(last);
  return Math.round(total);
}

/**
 * Approximate Claude input tokens of a prompt, framed as Converse sends it: system text as is,
 * every other message its text plus a small framing overhead.
 */
export function claudePromptTokens(messages: readonly BaseMessage[]): number {
  let total = 0;
  for (const message of messages) {
    total += claudeTextTokens(messageText(message)) + (message.type === "system" ? 0 : TOKENS_PER_MESSAGE);
  }
  return total;
}
