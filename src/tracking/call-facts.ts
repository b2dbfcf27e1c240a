import type { BaseMessage, UsageMetadata } from "@langchain/core/messages";
import { messageText } from "../messages";
import { vendorOf } from "../providers/vendors";
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
  /** The service tier the call asked for, if it asked for one. */
  serviceTier?: string;
  /** The model its text is counted as when it must be (an Azure deployment's model); default: the requested model. */
  countingModel?: string;
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

function tierName(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * The service tier the response says served the call: OpenAI's `service_tier` (ChatOpenAI keeps it
 * in `response_metadata` on streams; the provider's chat model also on JSON answers), Bedrock's
 * `serviceTier.type` on the Converse response or the stream's `metadata` event.
 */
export function servedTier(responseMetadata: Record<string, unknown> | undefined): string | undefined {
  if (responseMetadata === undefined) return undefined;
  const event = responseMetadata.metadata as Record<string, unknown> | undefined;
  const bedrock = (responseMetadata.serviceTier ?? event?.serviceTier) as { type?: unknown } | undefined;
  return tierName(responseMetadata.service_tier) ?? tierName(bedrock?.type);
}

/**
 * The facts of a call from the final message it returned: the provider's reported usage when it
 * is there and sound, otherwise a local estimate marked `estimated`.
 */
export function factsFromMessage(message: BaseMessage, context: CallContext): MessageFacts {
  const content = messageText(message);
  const answered = answeredModel(message);
  const model = answered ?? context.requestedModel;
  // Read from any message class: a stream whose first delta named no role merges into a ChatMessageChunk.
  const reported = (message as { usage_metadata?: UsageMetadata }).usage_metadata ?? context.streamedUsage;
  const responseMetadata = message.response_metadata as Record<string, unknown> | undefined;
  const reading = readUsage(reported, responseMetadata, vendorOf(context.provider).usage);
  const estimated = reading.kind !== "reported";
  const usage = estimated ? estimateUsage(context.provider, answered ?? context.countingModel ?? model, context.prompt, content) : reading.usage;
  const facts: CallFacts = { provider: context.provider, model, requestedModel: context.requestedModel, content, usage, estimated, raw: message };
  const serviceTier = servedTier(responseMetadata) ?? context.serviceTier;
  if (serviceTier !== undefined) facts.serviceTier = serviceTier;
  return reading.kind === "malformed" ? { facts, malformed: reading.problem } : { facts };
}

/** The facts of a call that failed after streaming `text`: everything counted locally. */
export function estimatedFacts(context: CallContext, text: string): CallFacts {
  return {
    provider: context.provider,
    model: context.requestedModel,
    requestedModel: context.requestedModel,
    content: text,
    usage: estimateUsage(context.provider, context.countingModel ?? context.requestedModel, context.prompt, text),
    estimated: true,
    ...(context.serviceTier === undefined ? {} : { serviceTier: context.serviceTier }),
  };
}
