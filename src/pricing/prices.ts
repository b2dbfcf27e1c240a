import type { LongContextTier, PricingTable } from "./model-pricing";

/** OpenAI's price list (current and older models). */
const OPENAI = "https://platform.openai.com/docs/pricing";
/** Amazon Bedrock's price list (Anthropic models, on-demand, global and regional endpoints). */
const BEDROCK = "https://aws.amazon.com/bedrock/pricing/";
/** The day every row below was last compared with its source. */
const CHECKED = "2026-11-25";

/** Sonnet 4 / 4.5 over 200k input tokens: the whole request at these rates. */
const SONNET_LONG_CONTEXT: LongContextTier = {
  aboveInputTokens: 200_000,
  input: 6,
  cacheRead: 0.6,
  cacheWrite: 7.5,
  output: 22.5,
};

/** The same tier on a regional (non-global) Sonnet 4.5 endpoint: +10%. */
const SONNET_LONG_CONTEXT_REGIONAL: LongContextTier = {
  aboveInputTokens: 200_000,
  input: 6.6,
  cacheRead: 0.66,
  cacheWrite: 8.25,
  output: 24.75,
};

/**
 * The built-in prices, USD per 1M tokens, one row per exact model id.
 *
 * Sonnet 4.5 and Haiku 4.5 cost 10% more on a regional endpoint (bare id or `us.` / `eu.` /
 * `apac.` … profile) than through the `global.` profile: the `global.` row is the global price,
 * the bare row the regional one. Add or override rows with the `pricing` option.
 */
export const PRICING: PricingTable = {
  "gpt-4-turbo": { input: 10, output: 30, source: OPENAI, checked: CHECKED },
  "gpt-4-turbo-2024-04-09": { input: 10, output: 30, source: OPENAI, checked: CHECKED },
  "gpt-4o": { input: 2.5, cacheRead: 1.25, output: 10, source: OPENAI, checked: CHECKED },
  "gpt-4o-2024-08-06": { input: 2.5, cacheRead: 1.25, output: 10, source: OPENAI, checked: CHECKED },
  "gpt-4o-2024-11-20": { input: 2.5, cacheRead: 1.25, output: 10, source: OPENAI, checked: CHECKED },
  "gpt-4o-2024-05-13": { input: 5, output: 15, source: OPENAI, checked: CHECKED },
  "gpt-4o-mini": { input: 0.15, cacheRead: 0.075, output: 0.6, source: OPENAI, checked: CHECKED },
  "text-embedding-3-large": { input: 0.13, output: 0, source: OPENAI, checked: CHECKED },
  "text-embedding-3-small": { input: 0.02, output: 0, source: OPENAI, checked: CHECKED },

  "anthropic.claude-3-5-sonnet-20241022-v2:0": {
    input: 3, cacheRead: 0.3, cacheWrite: 3.75, output: 15, source: BEDROCK, checked: CHECKED,
  },
  "anthropic.claude-3-haiku-20240307-v1:0": { input: 0.25, output: 1.25, source: BEDROCK, checked: CHECKED },
  "anthropic.claude-3-5-haiku-20241022-v1:0": {
    input: 0.8, cacheRead: 0.08, cacheWrite: 1, output: 4, source: BEDROCK, checked: CHECKED,
  },
  "anthropic.claude-sonnet-4-20250514-v1:0": {
    input: 3, cacheRead: 0.3, cacheWrite: 3.75, output: 15,
    longContext: SONNET_LONG_CONTEXT, source: BEDROCK, checked: CHECKED,
  },
  "global.anthropic.claude-sonnet-4-5-20250929-v1:0": {
    input: 3, cacheRead: 0.3, cacheWrite: 3.75, output: 15,
    longContext: SONNET_LONG_CONTEXT, source: BEDROCK, checked: CHECKED,
  },
  "anthropic.claude-sonnet-4-5-20250929-v1:0": {
    input: 3.3, cacheRead: 0.33, cacheWrite: 4.125, output: 16.5,
    longContext: SONNET_LONG_CONTEXT_REGIONAL, source: BEDROCK, checked: CHECKED,
  },
  "global.anthropic.claude-haiku-4-5-20251001-v1:0": {
    input: 1, cacheRead: 0.1, cacheWrite: 1.25, output: 5, source: BEDROCK, checked: CHECKED,
  },
  "anthropic.claude-haiku-4-5-20251001-v1:0": {
    input: 1.1, cacheRead: 0.11, cacheWrite: 1.375, output: 5.5, source: BEDROCK, checked: CHECKED,
  },
};
