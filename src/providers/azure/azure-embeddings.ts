import { AzureOpenAI } from "openai";
import { OpenAIEmbeddingsProvider, type OpenAIEmbeddingsSettings } from "../openai/openai-embeddings";
import { azureConnection, type AzureConnection, type AzureConnectionSettings } from "./azure-connection";
import { azureDeployment, type AzureDeploymentSettings } from "./azure-deployment";
import { API_KEY_AT_REQUEST, azureFetch } from "./azure-fetch";
import { AZURE_VENDOR } from "./azure-vendor";

/** Settings of an {@link AzureOpenAIEmbeddingsProvider}: an embeddings deployment on an Azure OpenAI resource. */
export interface AzureOpenAIEmbeddingsSettings
  extends Omit<OpenAIEmbeddingsSettings, "model" | "baseURL" | "apiKey">, AzureDeploymentSettings, AzureConnectionSettings {}

/**
 * Azure OpenAI embeddings, priced like {@link OpenAIEmbeddingsProvider}'s from the usage of each
 * response (which LangChain's `AzureOpenAIEmbeddings`, like `OpenAIEmbeddings`, throws away), by
 * the model the response reports, else the model the deployment serves, at the deployment type's
 * rates. Requests go through the openai SDK's `AzureOpenAI` client; its `model` is the deployment's name.
 */
export class AzureOpenAIEmbeddingsProvider extends OpenAIEmbeddingsProvider {
  declare readonly provider: "azure";
  private readonly azure: AzureConnection;

  constructor(settings: AzureOpenAIEmbeddingsSettings) {
    const deployment = azureDeployment(settings);
    super({ ...settings, model: settings.deployment, apiKey: undefined, baseURL: undefined }, { vendor: AZURE_VENDOR, prices: deployment.prices, unpriced: deployment.unpriced });
    this.azure = azureConnection(settings);
  }

  protected override createClient(): AzureOpenAI {
    const { endpoint, apiVersion, apiKey, azureADTokenProvider } = this.azure;
    return new AzureOpenAI({
      // Every option given ("" for no key), so that the SDK reads nothing from process.env.
      baseURL: `${endpoint}/openai`,
      apiVersion,
      deployment: this.model,
      apiKey: apiKey === undefined ? "" : API_KEY_AT_REQUEST,
      azureADTokenProvider,
      fetch: azureFetch(apiKey),
      maxRetries: 0,
    });
  }
}
