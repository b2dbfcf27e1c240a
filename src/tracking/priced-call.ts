import { usageCost, type PriceList } from "../pricing";
import type { LLMCallResult, ProviderName, TokenLogprob, TokenUsage } from "../types";

/** What is known of a finished call before it is priced. */
export interface CallFacts {
  provider: ProviderName;
  /** The model the provider reported, or the requested one when it reported none. */
  model: string;
  /** The model the call asked for: the price falls back to it when the answered id has no row. */
  requestedModel: string;
  content: string;
  usage: TokenUsage;
  estimated: boolean;
  raw?: unknown;
  logprobs?: TokenLogprob[];
}

/** A call turned into dollars; `priced` is false when neither model id has a price. */
export interface PricedCall {
  result: LLMCallResult;
  priced: boolean;
}

/**
 * The usage → cost converter: the one place a chat call is priced, used by `CostTracker` and by
 * the providers alike. Prices by the answered model id, falling back to the requested one; an
 * unknown model gives cost 0 with `priced: false`, never a silent $0 spend.
 */
export function priceCall(facts: CallFacts, prices: PriceList): PricedCall {
  const found = prices.find(facts.model, facts.requestedModel);
  const result: LLMCallResult = {
    content: facts.content,
    model: facts.model,
    provider: facts.provider,
    tokensInput: facts.usage.input,
    tokensOutput: facts.usage.output,
    cost: found === undefined ? 0 : usageCost(found.row, facts.usage),
    usage: facts.usage,
    estimated: facts.estimated,
  };
  if (found !== undefined) result.pricedWith = found.row.checked === undefined ? { source: found.source, model: found.model } : { source: found.source, model: found.model, checked: found.row.checked };
  if (facts.raw !== undefined) result.raw = facts.raw;
  if (facts.logprobs !== undefined) result.logprobs = facts.logprobs;
  return { result, priced: found !== undefined };
}
