import { usageCost, type FoundPrice, type PriceList, type PricedTokens } from "../pricing";
import { vendorOf } from "../providers/vendors";
import type { LLMCallResult, PricedWith, ProviderName, TokenLogprob, TokenUsage } from "../types";

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
  /** The service tier that served the call (as the response reports it, else as requested). */
  serviceTier?: string;
  raw?: unknown;
  logprobs?: TokenLogprob[];
}

/** A call turned into dollars; `priced` is false when neither model id has a price. */
export interface PricedCall {
  result: LLMCallResult;
  priced: boolean;
}

/** How a call was priced: its row's source, id and check date, and a served tier that had no rate of its own. */
function pricedWith(found: FoundPrice, priced: PricedTokens): PricedWith {
  const provenance: PricedWith = { source: found.source, model: found.model };
  if (found.row.checked !== undefined) provenance.checked = found.row.checked;
  if (priced.unpricedTier !== undefined) provenance.unpricedTier = priced.unpricedTier;
  if (found.premium !== undefined) provenance.premium = { name: found.premium.name, factor: found.premium.factor };
  return provenance;
}

/**
 * The usage → cost converter: the one place a chat call is priced, used by `CostTracker` and by
 * the providers alike. Prices by the answered model id, falling back to the requested one, at
 * the rates of the service tier that served the call where the row has them (else at standard
 * rates, flagged in `pricedWith.unpricedTier`); an unknown model gives cost 0 with
 * `priced: false`, never a silent $0 spend.
 */
export function priceCall(facts: CallFacts, prices: PriceList): PricedCall {
  const found = prices.find(facts.model, facts.requestedModel, vendorOf(facts.provider).prices.genaiPricesProvider);
  const priced = found === undefined ? undefined : usageCost(found.row, facts.usage, { serviceTier: facts.serviceTier });
  const result: LLMCallResult = {
    content: facts.content,
    model: facts.model,
    provider: facts.provider,
    tokensInput: facts.usage.input,
    tokensOutput: facts.usage.output,
    cost: priced?.usd ?? 0,
    usage: facts.usage,
    estimated: facts.estimated,
  };
  if (found !== undefined) result.pricedWith = pricedWith(found, priced!);
  if (priced?.serviceTier !== undefined) result.serviceTier = priced.serviceTier;
  if (facts.raw !== undefined) result.raw = facts.raw;
  if (facts.logprobs !== undefined) result.logprobs = facts.logprobs;
  return { result, priced: found !== undefined };
}
