import type { BaseMessage } from "@langchain/core/messages";
import { messageText } from "../messages";
import { countPlainTokens, encodingForModel } from "./encodings";

/** Tokens OpenAI adds around every message of a chat prompt (current models). */
const TOKENS_PER_MESSAGE = 3;
/** Tokens every reply is primed with. */
const REPLY_PRIMING_TOKENS = 3;
/** Extra token for a message that carries a `name`. */
const TOKENS_PER_NAME = 1;

/** The role names OpenAI's chat format uses for LangChain's message types (any other type is its own role name). */
const OPENAI_ROLE: Record<string, string> = { human: "user", ai: "assistant" };

/**
 * Tokens a chat prompt bills on OpenAI: every message costs 3 tokens + its role + its content
 * (+1 with a name), and the reply is primed with 3 more. Exact for text messages.
 */
export function openAIPromptTokens(model: string, messages: readonly BaseMessage[]): number {
  const encoding = encodingForModel(model);
  let total = REPLY_PRIMING_TOKENS;
  for (const message of messages) {
    const role = OPENAI_ROLE[message.type] ?? message.type;
    total += TOKENS_PER_MESSAGE + countPlainTokens(encoding, role) + countPlainTokens(encoding, messageText(message));
    if (message.name) total += TOKENS_PER_NAME;
  }
  return total;
}

/** Tokens of a piece of generated text in a model's encoding. */
export function openAITextTokens(model: string, text: string): number {
  return text === "" ? 0 : countPlainTokens(encodingForModel(model), text);
}
