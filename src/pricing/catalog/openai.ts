import type { PricingTable } from "../model-pricing";
import { CHECKED, OPENAI } from "./sources";

/**
 * DATA ONLY: OpenAI models, USD per 1M tokens (standard rates; `flex` / `priority` where OpenAI
 * lists them). Dated snapshots without a row of their own are priced as their family
 * (`gpt-5-2025-08-07` → `gpt-5`); fine-tuned ids `ft:<base>:<org>::<id>` as the `ft:<base>` row.
 *
 * Checked against genai-prices 0.1.8 and LiteLLM's price map (as synced 2026-07-24; the fine-tuned
 * and GPT-5.6 rows against BerriAI/litellm at commit 00035b69, a copy whose date the file does not
 * carry); they agree on every standard rate below unless a comment says otherwise. Service-tier
 * rates come from LiteLLM's map (genai-prices has none), except GPT-5.6's: see there.
 */
const FROM = { source: OPENAI, checked: CHECKED } as const;

/** GPT-4o's rates (the alias answers as the 2024-08-06 snapshot, which the 2024-11-20 one matches). */
const GPT_4O = {
  input: 2.5, cacheRead: 1.25, output: 10,
  serviceTiers: { priority: { input: 4.25, cacheRead: 2.125, output: 17 } },
  ...FROM,
} as const;

/** GPT-5.6 Sol, at the rates since 2026-08-21 (see the GPT-5.6 rows). */
const GPT_56_SOL = {
  input: 4, cacheRead: 0.4, cacheWrite: 5, output: 20,
  longContext: { aboveInputTokens: 271_999, input: 8, cacheRead: 0.8, cacheWrite: 10, output: 30 },
  serviceTiers: { flex: { input: 2, cacheRead: 0.2, cacheWrite: 2.5, output: 10 }, priority: { input: 8, cacheRead: 0.8, cacheWrite: 10, output: 40 } },
  ...FROM,
} as const;

/** The built-in rows of OpenAI models (see the notes above). */
export const OPENAI_PRICES: PricingTable = {
  // GPT-5 family. LiteLLM lists no flex rate for 5.1-5.3 (a flex answer there is priced standard, flagged).
  "gpt-5": {
    input: 1.25, cacheRead: 0.125, output: 10,
    serviceTiers: { flex: { input: 0.625, cacheRead: 0.0625, output: 5 }, priority: { input: 2.5, cacheRead: 0.25, output: 20 } },
    ...FROM,
  },
  "gpt-5-chat-latest": { input: 1.25, cacheRead: 0.125, output: 10, ...FROM },
  "gpt-5-mini": {
    input: 0.25, cacheRead: 0.025, output: 2,
    // Priority is 1.8× on mini (OpenAI's table, mirrored by LiteLLM), not the 2× of gpt-5.
    serviceTiers: { flex: { input: 0.125, cacheRead: 0.0125, output: 1 }, priority: { input: 0.45, cacheRead: 0.045, output: 3.6 } },
    ...FROM,
  },
  "gpt-5-nano": {
    input: 0.05, cacheRead: 0.005, output: 0.4,
    // LiteLLM's `input_cost_per_token_priority` of $2.50 for nano (no output price) is an entry error: OpenAI lists no priority tier for nano.
    serviceTiers: { flex: { input: 0.025, cacheRead: 0.0025, output: 0.2 } },
    ...FROM,
  },
  "gpt-5.1": { input: 1.25, cacheRead: 0.125, output: 10, serviceTiers: { priority: { input: 2.5, cacheRead: 0.25, output: 20 } }, ...FROM },
  "gpt-5.1-chat-latest": { input: 1.25, cacheRead: 0.125, output: 10, serviceTiers: { priority: { input: 2.5, cacheRead: 0.25, output: 20 } }, ...FROM },
  "gpt-5.2": { input: 1.75, cacheRead: 0.175, output: 14, serviceTiers: { priority: { input: 3.5, cacheRead: 0.35, output: 28 } }, ...FROM },
  "gpt-5.2-chat-latest": { input: 1.75, cacheRead: 0.175, output: 14, serviceTiers: { priority: { input: 3.5, cacheRead: 0.35, output: 28 } }, ...FROM },
  "gpt-5.3-chat-latest": { input: 1.75, cacheRead: 0.175, output: 14, serviceTiers: { priority: { input: 3.5, cacheRead: 0.35, output: 28 } }, ...FROM },
  "gpt-5.4": {
    input: 2.5, cacheRead: 0.25, output: 15,
    // From 272k input tokens (OpenAI: "<272K" is standard) the whole request is billed at these rates.
    longContext: { aboveInputTokens: 271_999, input: 5, cacheRead: 0.5, output: 22.5 },
    // LiteLLM rounds the flex cache read to $0.13; it is half the standard $0.25, as every other flex rate is.
    serviceTiers: { flex: { input: 1.25, cacheRead: 0.125, output: 7.5 }, priority: { input: 5, cacheRead: 0.5, output: 30 } },
    ...FROM,
  },
  "gpt-5.4-mini": {
    input: 0.75, cacheRead: 0.075, output: 4.5,
    serviceTiers: { flex: { input: 0.375, cacheRead: 0.0375, output: 2.25 }, priority: { input: 1.5, cacheRead: 0.15, output: 9 } },
    ...FROM,
  },
  "gpt-5.4-nano": { input: 0.2, cacheRead: 0.02, output: 1.25, serviceTiers: { flex: { input: 0.1, cacheRead: 0.01, output: 0.625 } }, ...FROM },
  "gpt-5.5": {
    input: 5, cacheRead: 0.5, output: 30,
    longContext: { aboveInputTokens: 271_999, input: 10, cacheRead: 1, output: 45 },
    serviceTiers: { flex: { input: 2.5, cacheRead: 0.25, output: 15 }, priority: { input: 10, cacheRead: 1, output: 60 } },
    ...FROM,
  },
  // GPT-5.6 at the rates in force since OpenAI's cuts (Luna and Terra 2026-07-30, Sol 2026-08-21), as
  // genai-prices has them (its dated rows); LiteLLM's map still shows the earlier rates, exactly
  // genai-prices' rows before the cuts (Sol $5 / $30, Terra $2.50 / $15, Luna $1 / $6), so we believe
  // genai-prices. LiteLLM's flex / priority rates are exactly ½ / 2× those earlier standard rates on
  // input, cache read, cache write and output alike (no tier rates above 272k); the tiers below keep
  // that ratio at the new rates. That is our inference: neither mirror lists post-cut tier rates.
  "gpt-5.6-luna": {
    input: 0.2, cacheRead: 0.02, cacheWrite: 0.25, output: 1.2,
    longContext: { aboveInputTokens: 271_999, input: 0.4, cacheRead: 0.04, cacheWrite: 0.5, output: 1.8 },
    serviceTiers: {
      flex: { input: 0.1, cacheRead: 0.01, cacheWrite: 0.125, output: 0.6 },
      priority: { input: 0.4, cacheRead: 0.04, cacheWrite: 0.5, output: 2.4 },
    },
    ...FROM,
  },
  "gpt-5.6-terra": {
    input: 2, cacheRead: 0.2, cacheWrite: 2.5, output: 12,
    longContext: { aboveInputTokens: 271_999, input: 4, cacheRead: 0.4, cacheWrite: 5, output: 18 },
    serviceTiers: { flex: { input: 1, cacheRead: 0.1, cacheWrite: 1.25, output: 6 }, priority: { input: 4, cacheRead: 0.4, cacheWrite: 5, output: 24 } },
    ...FROM,
  },
  "gpt-5.6-sol": GPT_56_SOL,
  // `gpt-5.6` is the Sol model (genai-prices matches it to Sol; LiteLLM prices it as Sol before the cut).
  "gpt-5.6": GPT_56_SOL,

  // GPT-4.1 family: priority is 1.75× here (LiteLLM), no flex tier.
  "gpt-4.1": { input: 2, cacheRead: 0.5, output: 8, serviceTiers: { priority: { input: 3.5, cacheRead: 0.875, output: 14 } }, ...FROM },
  "gpt-4.1-mini": { input: 0.4, cacheRead: 0.1, output: 1.6, serviceTiers: { priority: { input: 0.7, cacheRead: 0.175, output: 2.8 } }, ...FROM },
  "gpt-4.1-nano": { input: 0.1, cacheRead: 0.025, output: 0.4, serviceTiers: { priority: { input: 0.2, cacheRead: 0.05, output: 0.8 } }, ...FROM },

  // o-series reasoning models (reasoning tokens are billed as output).
  o1: { input: 15, cacheRead: 7.5, output: 60, ...FROM },
  o3: {
    // The June 2025 price (genai-prices' dated row from 2025-06-10; LiteLLM agrees).
    input: 2, cacheRead: 0.5, output: 8,
    serviceTiers: { flex: { input: 1, cacheRead: 0.25, output: 4 }, priority: { input: 3.5, cacheRead: 0.875, output: 14 } },
    ...FROM,
  },
  "o3-mini": { input: 1.1, cacheRead: 0.55, output: 4.4, ...FROM },
  "o4-mini": {
    input: 1.1, cacheRead: 0.275, output: 4.4,
    serviceTiers: { flex: { input: 0.55, cacheRead: 0.1375, output: 2.2 }, priority: { input: 2, cacheRead: 0.5, output: 8 } },
    ...FROM,
  },

  // GPT-4o and older.
  "gpt-4o": GPT_4O,
  "gpt-4o-2024-08-06": GPT_4O,
  "gpt-4o-2024-11-20": GPT_4O,
  "gpt-4o-2024-05-13": { input: 5, output: 15, serviceTiers: { priority: { input: 8.75, output: 26.25 } }, ...FROM },
  "gpt-4o-mini": {
    input: 0.15, cacheRead: 0.075, output: 0.6,
    serviceTiers: { priority: { input: 0.25, cacheRead: 0.125, output: 1 } },
    ...FROM,
  },
  "gpt-4-turbo": { input: 10, output: 30, ...FROM },
  "gpt-4-turbo-2024-04-09": { input: 10, output: 30, ...FROM },
  "gpt-3.5-turbo": { input: 0.5, output: 1.5, ...FROM },
  "gpt-3.5-turbo-0125": { input: 0.5, output: 1.5, ...FROM },

  // Embeddings.
  "text-embedding-3-large": { input: 0.13, output: 0, ...FROM },
  "text-embedding-3-small": { input: 0.02, output: 0, ...FROM },
  "text-embedding-ada-002": { input: 0.1, output: 0, ...FROM },

  // Fine-tuned models: inference at the base model's fine-tuned rates (OpenAI's "Fine-tuning" table).
  // LiteLLM's map agrees on every row below, cached-input rates included. genai-prices lists no
  // cached-input rate for fine-tuned GPT-4o / GPT-4o mini (it bills cache reads at the input rate);
  // OpenAI's table and LiteLLM list $1.875 and $0.15, half the fine-tuned input rate as for the base
  // models: we believe OpenAI's table.
  "ft:gpt-4o-2024-08-06": { input: 3.75, cacheRead: 1.875, output: 15, ...FROM },
  "ft:gpt-4o-mini-2024-07-18": { input: 0.3, cacheRead: 0.15, output: 1.2, ...FROM },
  "ft:gpt-3.5-turbo-0125": { input: 3, output: 6, ...FROM },
  // Fine-tuned GPT-4.1 family: genai-prices has no rows; LiteLLM's agree (cache reads at ¼ input).
  "ft:gpt-4.1-2025-04-14": { input: 3, cacheRead: 0.75, output: 12, ...FROM },
  "ft:gpt-4.1-mini-2025-04-14": { input: 0.8, cacheRead: 0.2, output: 3.2, ...FROM },
  "ft:gpt-4.1-nano-2025-04-14": { input: 0.2, cacheRead: 0.05, output: 0.8, ...FROM },
  // Reinforcement-fine-tuned o4-mini: OpenAI's table and LiteLLM (`ft:o4-mini-2025-04-16`) agree; genai-prices has no row.
  "ft:o4-mini-2025-04-16": { input: 4, cacheRead: 1, output: 16, ...FROM },
};
