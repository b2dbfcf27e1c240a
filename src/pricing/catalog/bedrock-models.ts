import type { PricingTable } from "../model-pricing";
import { BEDROCK, CHECKED } from "./sources";

/**
 * DATA ONLY: the other model families on Amazon Bedrock, USD per 1M tokens (on-demand, US East:
 * some of these cost a few percent more in other regions, e.g. Nova in Asia Pacific, which
 * LiteLLM lists as `apac.` rows). Cross-region profiles (`us.meta.…`) resolve to the bare id.
 *
 * Checked against genai-prices 0.1.8 (all agree where it knows the model, except the Titan v2 row)
 * and, every row, LiteLLM's price map (`model_prices_and_context_window.json`, BerriAI/litellm at
 * commit 00035b69 for Llama, Mistral, DeepSeek and Cohere; the file carries no date). LiteLLM differs
 * on Nova 2 Lite's bare id (see there) and on Llama 3.1 70B, 3.2 11B, 3.2 90B and Mistral Large
 * (24.02), where it keeps older, higher prices than AWS lists today; genai-prices has AWS's, and so
 * do we. The embedding models are here so that a tracker prices them when they are called through
 * other LangChain classes (e.g. `BedrockEmbeddings`).
 */
const FROM = { source: BEDROCK, checked: CHECKED } as const;

/** The built-in rows of Amazon Nova, Meta Llama, Mistral, DeepSeek and the embedding models on Amazon Bedrock (see the notes above). */
export const BEDROCK_MODEL_PRICES: PricingTable = {
  // Amazon Nova: cache reads at 0.25× input; writes carry no extra charge (priced at input).
  "amazon.nova-micro-v1:0": { input: 0.035, cacheRead: 0.00875, output: 0.14, ...FROM },
  "amazon.nova-lite-v1:0": { input: 0.06, cacheRead: 0.015, output: 0.24, ...FROM },
  "amazon.nova-pro-v1:0": { input: 0.8, cacheRead: 0.2, output: 3.2, ...FROM },
  "amazon.nova-premier-v1:0": { input: 2.5, cacheRead: 0.625, output: 12.5, ...FROM },
  // Nova 2 Lite: global and regional (+10%) rates, as for Claude. genai-prices prices `global.` and the
  // `us.` / `eu.` / `jp.` profiles (not the bare id); LiteLLM prices the bare id at the global rate.
  "global.amazon.nova-2-lite-v1:0": { input: 0.3, cacheRead: 0.075, output: 2.5, ...FROM },
  "amazon.nova-2-lite-v1:0": { input: 0.33, cacheRead: 0.0825, output: 2.75, ...FROM },

  // Meta Llama: LiteLLM agrees on every row but the three commented (its bare, `us.` and
  // `bedrock/us-east-1/` rows say the same); genai-prices agrees on all.
  "meta.llama3-8b-instruct-v1:0": { input: 0.3, output: 0.6, ...FROM },
  "meta.llama3-70b-instruct-v1:0": { input: 2.65, output: 3.5, ...FROM },
  "meta.llama3-1-8b-instruct-v1:0": { input: 0.22, output: 0.22, ...FROM },
  // LiteLLM: $0.99 / $0.99, an older price; AWS lists $0.72 (genai-prices agrees): we believe AWS.
  "meta.llama3-1-70b-instruct-v1:0": { input: 0.72, output: 0.72, ...FROM },
  "meta.llama3-2-1b-instruct-v1:0": { input: 0.1, output: 0.1, ...FROM },
  "meta.llama3-2-3b-instruct-v1:0": { input: 0.15, output: 0.15, ...FROM },
  // LiteLLM: $0.35 (11B) and $2.00 (90B), older prices; AWS lists $0.16 and $0.72 (genai-prices agrees): we believe AWS.
  "meta.llama3-2-11b-instruct-v1:0": { input: 0.16, output: 0.16, ...FROM },
  "meta.llama3-2-90b-instruct-v1:0": { input: 0.72, output: 0.72, ...FROM },
  "meta.llama3-3-70b-instruct-v1:0": { input: 0.72, output: 0.72, ...FROM },
  "meta.llama4-scout-17b-instruct-v1:0": { input: 0.17, output: 0.66, ...FROM },
  "meta.llama4-maverick-17b-instruct-v1:0": { input: 0.24, output: 0.97, ...FROM },

  // Mistral AI: LiteLLM agrees on every row but Large (24.02); it prices Pixtral Large as the `us.`
  // profile (the same $2 / $6). genai-prices agrees on all.
  "mistral.mistral-7b-instruct-v0:2": { input: 0.15, output: 0.2, ...FROM },
  "mistral.mixtral-8x7b-instruct-v0:1": { input: 0.45, output: 0.7, ...FROM },
  "mistral.mistral-small-2402-v1:0": { input: 1, output: 3, ...FROM },
  // LiteLLM: $8 / $24 (bare and `bedrock/us-east-1/` rows), an older price; AWS lists $4 / $12 (genai-prices agrees): we believe AWS.
  "mistral.mistral-large-2402-v1:0": { input: 4, output: 12, ...FROM },
  "mistral.pixtral-large-2502-v1:0": { input: 2, output: 6, ...FROM },
  "mistral.mistral-large-3-675b-instruct": { input: 0.5, output: 1.5, ...FROM },
  "mistral.ministral-3-3b-instruct": { input: 0.1, output: 0.1, ...FROM },
  "mistral.ministral-3-8b-instruct": { input: 0.15, output: 0.15, ...FROM },
  "mistral.ministral-3-14b-instruct": { input: 0.2, output: 0.2, ...FROM },
  "mistral.magistral-small-2509": { input: 0.5, output: 1.5, ...FROM },
  "mistral.devstral-2-123b": { input: 0.4, output: 2, ...FROM },

  // DeepSeek: LiteLLM prices R1 as the `us.deepseek.r1-v1:0` profile and agrees, as does genai-prices.
  "deepseek.r1-v1:0": { input: 1.35, output: 5.4, ...FROM },

  // Embeddings. genai-prices matches every `amazon.titan-embed-text…` id to the v1 row ($0.10): AWS
  // lists Titan Text Embeddings V2 at $0.02, as LiteLLM has it; we believe AWS.
  "amazon.titan-embed-text-v2:0": { input: 0.02, output: 0, ...FROM },
  "amazon.titan-embed-text-v1": { input: 0.1, output: 0, ...FROM },
  // Cohere Embed on Bedrock, AWS's list prices (text tokens): LiteLLM agrees on all three; genai-prices
  // has no Cohere rows.
  "cohere.embed-english-v3": { input: 0.1, output: 0, ...FROM },
  "cohere.embed-multilingual-v3": { input: 0.1, output: 0, ...FROM },
  "cohere.embed-v4:0": { input: 0.12, output: 0, ...FROM },
};
