import { AIMessage, HumanMessage, SystemMessage, isBaseMessage, type BaseMessage } from "@langchain/core/messages";
import { InputError } from "./errors";
import type { ChatMessage, ChatRole, MessagesInput } from "./types";

const MESSAGE_CLASSES: Record<ChatRole, new (content: string) => BaseMessage> = {
  system: SystemMessage,
  user: HumanMessage,
  assistant: AIMessage,
};

/** An assistant message that calls tools may have no text; any other message needs some. */
function needsText(message: BaseMessage): boolean {
  return !(AIMessage.isInstance(message) && (message.tool_calls?.length ?? 0) > 0);
}

function checkHasText(message: BaseMessage, index: number): BaseMessage {
  if (typeof message.content === "string" && message.content.trim() === "" && needsText(message)) {
    throw new InputError(`messages[${index}].content is empty: give every message some text (the providers refuse blank messages).`);
  }
  return message;
}

function toBaseMessage(message: unknown, index: number): BaseMessage {
  if (isBaseMessage(message)) return checkHasText(message, index);
  if (typeof message !== "object" || message === null) {
    throw new InputError(`messages[${index}] is not a message: pass { role, content } objects or LangChain messages.`);
  }
  const { role, content } = message as Partial<ChatMessage>;
  // hasOwn: an inherited name such as "constructor" is not a role.
  const MessageClass = typeof role === "string" && Object.hasOwn(MESSAGE_CLASSES, role) ? MESSAGE_CLASSES[role as ChatRole] : undefined;
  if (MessageClass === undefined) {
    throw new InputError(
      `messages[${index}] has an unknown role ${JSON.stringify(role)}: use "system", "user" or "assistant".`,
    );
  }
  if (typeof content !== "string") {
    throw new InputError(`messages[${index}].content must be a string, got ${content === null ? "null" : typeof content}.`);
  }
  return checkHasText(new MessageClass(content), index);
}

/**
 * Converts and validates the messages of a call, once, before any request is sent.
 *
 * @param messages - plain {@link ChatMessage}s or LangChain `BaseMessage`s.
 * @returns LangChain messages, in order.
 * @throws InputError when the list is empty or a message has an unknown role, non-string or blank
 *   content (an assistant message calling tools may be blank).
 */
export function toBaseMessages(messages: MessagesInput | unknown): BaseMessage[] {
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new InputError("messages must be a non-empty array of { role, content } objects or LangChain messages.");
  }
  return messages.map((message: unknown, index) => toBaseMessage(message, index));
}

/**
 * Throws {@link InputError} for a message with blank text (an assistant message calling tools
 * excepted): the check `toBaseMessages` makes, for messages that reach a chat model directly.
 */
export function checkMessagesHaveText(messages: readonly BaseMessage[]): void {
  messages.forEach(checkHasText);
}

/** The plain text of a message: its string content, or the text parts of its content blocks. */
export function messageText(message: BaseMessage): string {
  return typeof message.content === "string" ? message.content : message.text;
}
