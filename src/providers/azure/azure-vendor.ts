import { OPENAI_VENDOR } from "../openai/openai-vendor";
import type { VendorDescriptor } from "../vendor";

/**
 * Azure OpenAI: OpenAI's models and wire format on an Azure resource, model ids `azure:<deployment>`.
 * Counted, read and retried as OpenAI is; priced by the model each answer reports (see
 * `AzureOpenAIProvider` for deployments and their types).
 */
export const AZURE_VENDOR: VendorDescriptor<"azure"> = {
  ...OPENAI_VENDOR,
  name: "azure",
  label: "Azure OpenAI",
  lsProviders: ["azure"],
  telemetryName: "azure.ai.openai",
  prices: { genaiPricesProvider: "azure" },
};
