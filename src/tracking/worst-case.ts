import type { BaseMessage } from "@langchain/core/messages";
import { appliedRates, type ModelPricing, type PriceList } from "../pricing";
import { vendorOf } from "../providers/vendors";
import type { ProviderName } from "../types";

/** What a reservation is computed from. */
export interface WorstCaseCall {
  provider: ProviderName;
  requestedModel: string;
  prompt: readonly BaseMessage[];
  prices: PriceList;
  /** The exact input count when the caller has one (embeddings count their texts). */
  countInput?: () => number;
  /** The service tier the call asks for. */
  serviceTier?: string;
  /** The model its prompt is counted as (an Azure deployment's model); default: the requested model. */
  countingModel?: string;
}

/** Whether a prompt asks for prompt-cache writes (Bedrock `cachePoint` blocks, Anthropic `cache_control`). */
function writesCache(prompt: readonly BaseMessage[]): boolean {
  return prompt.some(
    (message) =>
      Array.isArray(message.content) &&
      message.content.some((block) => typeof block === "object" && block !== null && ("cachePoint" in block || "cache_control" in block || block.type === "cachePoint")),
  );
}

/**
 * The highest rate an input token of this prompt can be billed at, and the output rate, for a
 * request of `input` tokens at the tier it asks for (the standard rates where the row has none).
 */
function highestRates(row: ModelPricing, input: number, cacheWrites: boolean, tier: string | undefined): { input: number; output: number } {
  const { rates } = appliedRates(row, input, tier);
  return { input: cacheWrites ? Math.max(rates.input, rates.cacheWrite ?? 0, rates.cacheWrite1h ?? 0) : rates.input, output: rates.output };
}

/**
 * Input tokens of a call, counted locally, rounded up to a bound where the count is an
 * approximation (by the margin of its vendor's descriptor: Claude's counts 25% high).
 */
export function inputTokensAtMost(call: WorstCaseCall): number {
  if (call.countInput !== undefined) return call.countInput();
  const { tokens } = vendorOf(call.provider);
  const counted = tokens.prompt(call.countingModel ?? call.requestedModel, call.prompt);
  return tokens.reservationMargin === 1 ? counted : Math.ceil(counted * tokens.reservationMargin);
}

/**
 * The most a call can cost, in USD: its input counted locally (with a margin where the count is
 * approximate) and `outputTokens` of output, at the highest rates its price row can bill them at
 * the service tier it asks for (the long-context tier above its threshold, the 5-minute or 1-hour
 * cache-write rate when the prompt writes the cache).
 * 0 for a model without a price: such a call is recorded unpriced.
 */
export function worstCaseUsd(call: WorstCaseCall, inputTokens: number, outputTokens: number): number {
  const row = call.prices.find(call.requestedModel, call.requestedModel, vendorOf(call.provider).prices.genaiPricesProvider)?.row;
  if (row === undefined) return 0;
  const rates = highestRates(row, inputTokens, writesCache(call.prompt), call.serviceTier);
  return (inputTokens * rates.input + outputTokens * rates.output) / 1_000_000;
}
