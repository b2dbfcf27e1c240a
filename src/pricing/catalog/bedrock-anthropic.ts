import type { LongContextTier, PricingTable } from "../model-pricing";
import { BEDROCK, CHECKED } from "./sources";

/**
 * DATA ONLY: Anthropic's Claude on Amazon Bedrock, USD per 1M tokens (on-demand).
 *
 * From Claude Sonnet 4.5 / Haiku 4.5 on, a regional endpoint (the bare id, called in-region, or a
 * `us.` / `eu.` / `apac.` / `jp.` / `au.` … profile) costs 10% more than the `global.` profile: the
 * `global.` row holds the global price, the bare row the regional one (profiles resolve to it).
 * Older models have one price everywhere. Cache writes: 5-minute TTL at 1.25× input, 1-hour TTL
 * (`cacheWrite1h`, Claude 4.5 and newer) at 2× input; reads at 0.1× input (0.05× on Opus 5.5).
 *
 * Checked against genai-prices 0.1.8 (all standard rates agree) and LiteLLM's price map. LiteLLM
 * prices the bare ids of Claude 4.5 and newer at the global rate: AWS bills in-region calls at the
 * regional (+10%) rate, as genai-prices has it, and so do we (LiteLLM #42679 is that bug). LiteLLM's
 * 1-hour write rates agree with the rows below; genai-prices has them for Opus 5.5 only.
 */
const FROM = { source: BEDROCK, checked: CHECKED } as const;

/** Sonnet 4 / 4.5 over 200k input tokens: the whole request at these rates (LiteLLM's `_above_200k_tokens`). */
const SONNET_LONG_CONTEXT: LongContextTier = { aboveInputTokens: 200_000, input: 6, cacheRead: 0.6, cacheWrite: 7.5, output: 22.5 };
/** The same tier for Sonnet 4.5, with its 1-hour writes (2× the tier's input). */
const SONNET_45_LONG_CONTEXT: LongContextTier = { ...SONNET_LONG_CONTEXT, cacheWrite1h: 12 };
/** Sonnet 4.5's tier on a regional endpoint: +10%. */
const SONNET_45_LONG_CONTEXT_REGIONAL: LongContextTier = {
  aboveInputTokens: 200_000, input: 6.6, cacheRead: 0.66, cacheWrite: 8.25, cacheWrite1h: 13.2, output: 24.75,
};

/** Opus 4.5 – 5 on the global endpoint. */
const OPUS_GLOBAL = { input: 5, cacheRead: 0.5, cacheWrite: 6.25, cacheWrite1h: 10, output: 25, ...FROM } as const;
/** Opus 4.5 – 5 on a regional endpoint (+10%). */
const OPUS_REGIONAL = { input: 5.5, cacheRead: 0.55, cacheWrite: 6.875, cacheWrite1h: 11, output: 27.5, ...FROM } as const;
/** Sonnet 4.6 on the global endpoint (flat over its 1M context: neither mirror lists a long-context tier). */
const SONNET_46_GLOBAL = { input: 3, cacheRead: 0.3, cacheWrite: 3.75, cacheWrite1h: 6, output: 15, ...FROM } as const;
const SONNET_46_REGIONAL = { input: 3.3, cacheRead: 0.33, cacheWrite: 4.125, cacheWrite1h: 6.6, output: 16.5, ...FROM } as const;
/** Claude 3.5 / 3.7 Sonnet. */
const SONNET_3 = { input: 3, cacheRead: 0.3, cacheWrite: 3.75, output: 15, ...FROM } as const;
/** Claude Opus 4 / 4.1. */
const OPUS_4 = { input: 15, cacheRead: 1.5, cacheWrite: 18.75, output: 75, ...FROM } as const;

/** The built-in rows of Claude on Amazon Bedrock (see the notes above). */
export const BEDROCK_ANTHROPIC_PRICES: PricingTable = {
  // Claude 3 Haiku has no prompt cache on Bedrock (LiteLLM's cache rates for it are Anthropic's own API's).
  "anthropic.claude-3-haiku-20240307-v1:0": { input: 0.25, output: 1.25, ...FROM },
  "anthropic.claude-3-opus-20240229-v1:0": { input: 15, output: 75, ...FROM },
  "anthropic.claude-3-5-haiku-20241022-v1:0": { input: 0.8, cacheRead: 0.08, cacheWrite: 1, output: 4, ...FROM },
  // LiteLLM gives both 3.5 Sonnets "above 200k" rates; their context window is 200k, so no such tier applies.
  "anthropic.claude-3-5-sonnet-20240620-v1:0": SONNET_3,
  "anthropic.claude-3-5-sonnet-20241022-v2:0": SONNET_3,
  "anthropic.claude-3-7-sonnet-20250219-v1:0": SONNET_3,
  // genai-prices has no long-context tier for Bedrock Sonnet 4 / 4.5; LiteLLM and Anthropic's page do.
  "anthropic.claude-sonnet-4-20250514-v1:0": { input: 3, cacheRead: 0.3, cacheWrite: 3.75, output: 15, longContext: SONNET_LONG_CONTEXT, ...FROM },
  "anthropic.claude-opus-4-20250514-v1:0": OPUS_4,
  "anthropic.claude-opus-4-1-20250805-v1:0": OPUS_4,

  "global.anthropic.claude-sonnet-4-5-20250929-v1:0": {
    input: 3, cacheRead: 0.3, cacheWrite: 3.75, cacheWrite1h: 6, output: 15, longContext: SONNET_45_LONG_CONTEXT, ...FROM,
  },
  "anthropic.claude-sonnet-4-5-20250929-v1:0": {
    input: 3.3, cacheRead: 0.33, cacheWrite: 4.125, cacheWrite1h: 6.6, output: 16.5, longContext: SONNET_45_LONG_CONTEXT_REGIONAL, ...FROM,
  },
  "global.anthropic.claude-haiku-4-5-20251001-v1:0": { input: 1, cacheRead: 0.1, cacheWrite: 1.25, cacheWrite1h: 2, output: 5, ...FROM },
  "anthropic.claude-haiku-4-5-20251001-v1:0": { input: 1.1, cacheRead: 0.11, cacheWrite: 1.375, cacheWrite1h: 2.2, output: 5.5, ...FROM },
  "global.anthropic.claude-opus-4-5-20251101-v1:0": OPUS_GLOBAL,
  "anthropic.claude-opus-4-5-20251101-v1:0": OPUS_REGIONAL,
  "global.anthropic.claude-opus-4-6-v1": OPUS_GLOBAL,
  "anthropic.claude-opus-4-6-v1": OPUS_REGIONAL,
  "global.anthropic.claude-sonnet-4-6": SONNET_46_GLOBAL,
  "anthropic.claude-sonnet-4-6": SONNET_46_REGIONAL,
  "global.anthropic.claude-opus-4-7": OPUS_GLOBAL,
  "anthropic.claude-opus-4-7": OPUS_REGIONAL,
  "global.anthropic.claude-opus-4-8": OPUS_GLOBAL,
  "anthropic.claude-opus-4-8": OPUS_REGIONAL,
  // Claude 5: flat over the 1M context window (genai-prices: the launch rates are permanent).
  "global.anthropic.claude-sonnet-5": { input: 2, cacheRead: 0.2, cacheWrite: 2.5, cacheWrite1h: 4, output: 10, ...FROM },
  "anthropic.claude-sonnet-5": { input: 2.2, cacheRead: 0.22, cacheWrite: 2.75, cacheWrite1h: 4.4, output: 11, ...FROM },
  // LiteLLM's map (as searched here) has no Opus 5 / 5.5 rows; genai-prices has both.
  "global.anthropic.claude-opus-5": OPUS_GLOBAL,
  "anthropic.claude-opus-5": OPUS_REGIONAL,
  "global.anthropic.claude-opus-5-5": { input: 4, cacheRead: 0.2, cacheWrite: 5, cacheWrite1h: 8, output: 20, ...FROM },
  "anthropic.claude-opus-5-5": { input: 4.4, cacheRead: 0.22, cacheWrite: 5.5, cacheWrite1h: 8.8, output: 22, ...FROM },
};
