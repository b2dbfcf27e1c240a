import type { BaseMessage } from "@langchain/core/messages";
import { vendorOf } from "../providers/vendors";
import type { ProviderName, TokenUsage } from "../types";

/** Tokens of generated text, counted locally the way the provider's model would (see its descriptor's `tokens`). */
export function completionTokens(provider: ProviderName, model: string, text: string): number {
  return vendorOf(provider).tokens.text(model, text);
}

/** Tokens a prompt bills, counted locally the way the provider's model would (see its descriptor's `tokens`). */
export function promptTokens(provider: ProviderName, model: string, messages: readonly BaseMessage[]): number {
  return vendorOf(provider).tokens.prompt(model, messages);
}

/**
 * A local estimate of a call's usage, for when the provider reported none (a stream cut off
 * before its usage event): input from the prompt, output from the text received.
 */
export function estimateUsage(
  provider: ProviderName,
  model: string,
  messages: readonly BaseMessage[],
  text: string,
): TokenUsage {
  return {
    input: promptTokens(provider, model, messages),
    output: completionTokens(provider, model, text),
    cacheRead: 0,
    cacheWrite: 0,
  };
}
