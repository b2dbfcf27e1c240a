import { isBaseMessage, type BaseMessage, type UsageMetadata } from "@langchain/core/messages";
import type { CallRun } from "../tracking/call-run";

/** The message a run ended with, when it got one (a run billed from an estimate has none). */
export function finalMessageOf(run: CallRun): BaseMessage | undefined {
  const raw = run.bill?.result.raw;
  return isBaseMessage(raw) ? raw : undefined;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Why the model stopped, as the provider said it: OpenAI's `finish_reason`, Bedrock's `stopReason`
 * (on a Converse answer, or in a stream's `messageStop` event).
 */
export function finishReasonsOf(message: BaseMessage): string[] | undefined {
  const metadata = message.response_metadata as Record<string, unknown> | undefined;
  const stop = metadata?.messageStop as Record<string, unknown> | undefined;
  const reason = nonEmptyString(metadata?.finish_reason) ?? nonEmptyString(metadata?.stopReason) ?? nonEmptyString(stop?.stopReason);
  return reason === undefined ? undefined : [reason];
}

/** The reasoning tokens the provider reported on the message (part of its output), if any. */
export function reportedReasoningTokens(message: BaseMessage): number | undefined {
  const reasoning = (message as { usage_metadata?: UsageMetadata }).usage_metadata?.output_token_details?.reasoning;
  return typeof reasoning === "number" && reasoning >= 0 ? reasoning : undefined;
}
