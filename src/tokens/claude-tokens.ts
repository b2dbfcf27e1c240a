import type { BaseMessage } from "@langchain/core/messages";
import { messageText } from "../messages";
import { encoderFor } from "./encodings";

/**
 * Claude's tokenizer is not public, so a local count is an approximation: cl100k_base tokens
 * scaled by the ratio measured against Anthropic's public tokenizer over English, code, JSON,
 * emoji and CJK text. Bedrock's CountTokens API gives the exact number.
 */
const CLAUDE_PER_CL100K = 1.03;
/** Approximate framing tokens per message (role markers). */
const TOKENS_PER_MESSAGE = 3;

/** Approximate Claude tokens of a text. */
export function claudeTextTokens(text: string): number {
  return text === "" ? 0 : Math.round(encoderFor("cl100k_base").encode(text).length * CLAUDE_PER_CL100K);
}

/** Approximate Claude input tokens of a prompt: each message's text plus a small framing overhead. */
export function claudePromptTokens(messages: readonly BaseMessage[]): number {
  let total = 0;
  for (const message of messages) total += TOKENS_PER_MESSAGE + claudeTextTokens(messageText(message));
  return total;
}
