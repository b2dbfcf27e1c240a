import { CountTokensCommand, type BedrockRuntimeClient, type Message, type SystemContentBlock } from "@aws-sdk/client-bedrock-runtime";
import type { BaseMessage } from "@langchain/core/messages";
import { ProviderError } from "../../errors";
import { messageText } from "../../messages";
import type { CallTimeout } from "../call-signal";
import { countTokensError } from "./bedrock-errors";
import { foundationModelId } from "./bedrock-model-ids";

/** The Converse input CountTokens counts: system text apart, the other messages as user / assistant turns. */
export interface ConverseTokensInput {
  messages: Message[];
  system?: SystemContentBlock[];
}

/**
 * The text of a prompt laid out as Converse sends it: system messages become `system` blocks, AI
 * messages assistant turns, every other message a user turn. Only text is carried (tool calls and
 * images are left out), one text block per message, in order.
 */
export function converseTokensInput(prompt: readonly BaseMessage[]): ConverseTokensInput {
  const system: SystemContentBlock[] = [];
  const messages: Message[] = [];
  for (const message of prompt) {
    const text = messageText(message);
    if (message.type === "system") system.push({ text });
    else messages.push({ role: message.type === "ai" ? "assistant" : "user", content: [{ text }] });
  }
  return system.length === 0 ? { messages } : { messages, system };
}

/** One CountTokens request. */
export interface CountTokensRequest {
  client: BedrockRuntimeClient;
  /** The provider's model id (prefixed ids and ARNs are mapped to the bare id). */
  model: string;
  prompt: readonly BaseMessage[];
  signal?: AbortSignal;
  /** The timeout signal, to tell a timeout from the caller's abort in errors. */
  timeout?: CallTimeout;
}

/**
 * Bedrock's exact input-token count of a prompt, from the CountTokens API through the AWS SDK.
 *
 * @returns the `inputTokens` Bedrock answered.
 * @throws CountTokensUnsupportedError when Bedrock does not count this model.
 * @throws ProviderError for any other failure (HTTP, network, timeout, abort, a malformed answer).
 */
export async function countTokensExactly(request: CountTokensRequest): Promise<number> {
  const countModelId = foundationModelId(request.model);
  const command = new CountTokensCommand({ modelId: countModelId, input: { converse: converseTokensInput(request.prompt) } });
  let inputTokens: unknown;
  try {
    inputTokens = (await request.client.send(command, { abortSignal: request.signal })).inputTokens;
  } catch (error) {
    throw countTokensError(error, { provider: "bedrock", model: request.model, timeout: request.timeout, countModelId });
  }
  if (typeof inputTokens !== "number" || !Number.isInteger(inputTokens) || inputTokens < 0) {
    throw new ProviderError(`Bedrock CountTokens for ${countModelId} answered without a token count (inputTokens: ${String(inputTokens)}); retry, and report it if it persists.`, {
      provider: "bedrock",
      model: request.model,
      reason: "malformed",
      retryable: true,
    });
  }
  return inputTokens;
}
