import type { BaseMessage, UsageMetadata } from "@langchain/core/messages";
import { messageText } from "../messages";
import { estimateUsage } from "../tokens/estimate-usage";
import type { ProviderName } from "../types";
import type { CallFacts } from "./priced-call";
import { readUsage } from "./usage";

/** Where a call was going: enough to name and estimate it. */
export interface CallContext {
  provider: ProviderName;
  requestedModel: string;
  prompt: readonly BaseMessage[];
  /** Usage seen on a stream's chunks, for a final message that lost it (chunks of mixed classes merged). */
  streamedUsage?: UsageMetadata;
}

/** The facts of a finished call, and why its usage had to be estimated, if it had to. */
export interface MessageFacts {
  facts: CallFacts;
  /** Set when the response's usage block was malformed (the facts then hold an estimate). */
  malformed?: string;
}

function answeredModel(message: BaseMessage): string | undefined {
  const metadata = message.response_metadata as Record<string, unknown> | undefined;
  const name = metadata?.model_name ?? metadata?.model;
  return typeof name === "string" && name !== "" ? name : undefined;
}

/**
 * The facts of a call from the final message it returned: the provider's reported usage when it
 * is there and sound, otherwise a local estimate marked `estimated`.
 */
export function factsFromMessage(message: BaseMessage, context: CallContext): MessageFacts {
  const content = messageText(message);
  const model = answeredModel(message) ?? context.requestedModel;
  // Read from any message class: a stream whose first delta named no role merges into a ChatMessageChunk.
  const reported = (message as { usage_metadata?: UsageMetadata }).usage_metadata ?? context.streamedUsage;
  const reading = readUsage(reported, message.response_metadata as Record<string, unknown> | undefined);
  const estimated = reading.kind !== "reported";
  const usage = estimated ? estimateUsage(context.provider, model, context.prompt, content) : reading.usage;
  const facts: CallFacts = { provider: context.provider, model, requestedModel: context.requestedModel, content, usage, estimated, raw: message };
  return reading.kind === "malformed" ? { facts, malformed: reading.problem } : { facts };
}

/** The facts of a call that failed after streaming `text`: everything counted locally. */
export function estimatedFacts(context: CallContext, text: string): CallFacts {
  return {
    provider: context.provider,
    model: context.requestedModel,
    requestedModel: context.requestedModel,
    content: text,
    usage: estimateUsage(context.provider, context.requestedModel, context.prompt, text),
    estimated: true,
  };
}
