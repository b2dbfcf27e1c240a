/**
 * DATA ONLY: what a token costs on each type of Azure OpenAI standard (pay-as-you-go) deployment,
 * relative to a Global deployment, whose rates are OpenAI's list prices. Data Zone (US or EU)
 * deployments, which keep processing within the zone, and Regional ("Standard") deployments,
 * which keep it in the resource's region, cost 10% more on every token rate (input, cached input,
 * output): GPT-4o 2024-11-20 is $2.50 / $1.25 / $10 per 1M tokens Global and $2.75 / $1.375 / $11
 * Data Zone or Regional.
 *
 * Source: Azure's price list (AZURE_OPENAI_PRICING), compared on 2026-12-01 with LiteLLM's
 * `model_prices_and_context_window.json` (its `azure/global/…`, `azure/eu/…`, `azure/us/…` and
 * regional `azure/…` rows). Models Azure offers only as Regional deployments at their list price
 * (older GPT-4 and GPT-3.5 models) are overpriced by this rule: give their deployments a `pricing`
 * row, which is taken as it is.
 */
export const AZURE_DEPLOYMENT_PREMIUM = {
  global: 1,
  "data-zone": 1.1,
  regional: 1.1,
} as const;

/** An Azure OpenAI deployment type: where its requests may be processed, which sets its price. */
export type AzureDeploymentType = keyof typeof AZURE_DEPLOYMENT_PREMIUM;

/** Azure OpenAI's price list. */
export const AZURE_OPENAI_PRICING = "https://azure.microsoft.com/en-us/pricing/details/cognitive-services/openai-service/";
