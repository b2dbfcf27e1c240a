import type { BaseMessage } from "@langchain/core/messages";
import type { TokenLogprob } from "../../types";
import { ChatProvider, type BaseModelFields, type ChatProviderSettings } from "../chat-provider";
import { openAILogprobs } from "../openai/openai-logprobs";
import { openAIModelFields } from "../openai/openai-model-fields";
import { AzureOpenAIChatModel } from "./azure-chat-model";
import { azureConnection, type AzureConnection, type AzureConnectionSettings } from "./azure-connection";
import { azureDeployment, type AzureDeploymentSettings } from "./azure-deployment";
import { API_KEY_AT_REQUEST, azureFetch } from "./azure-fetch";
import { AZURE_VENDOR } from "./azure-vendor";

/** Settings of an {@link AzureOpenAIProvider}: a deployment on an Azure OpenAI resource. */
export interface AzureOpenAIProviderSettings extends Omit<ChatProviderSettings, "model">, AzureDeploymentSettings, AzureConnectionSettings {}

/**
 * A chat provider on Azure OpenAI, on the real `AzureChatOpenAI` (an {@link AzureOpenAIChatModel},
 * with `streamUsage` on). Its `model` is the deployment's name; each call is priced by the model
 * the answer reports (e.g. `gpt-4o-2024-11-20`), else by the model the deployment serves
 * (`model`, `deployments`), at the deployment type's rates (`deploymentType`). A deployment whose
 * model cannot be priced is refused at construction with an `UnknownModelPricingError` naming the
 * mapping to add. The API key (`AZURE_OPENAI_API_KEY`) is resolved at the first request, never at
 * import or construction; a Microsoft Entra ID `azureADTokenProvider` may be used instead.
 */
export class AzureOpenAIProvider extends ChatProvider<AzureOpenAIChatModel> {
  declare readonly provider: "azure";
  /** The model the deployment serves, as far as the settings say (else the deployment's name). */
  readonly deploymentModel: string;
  private readonly connection: AzureConnection;

  constructor(settings: AzureOpenAIProviderSettings) {
    const deployment = azureDeployment(settings);
    super(AZURE_VENDOR, { ...settings, model: settings.deployment }, { prices: deployment.prices, countingModel: deployment.countingModel });
    this.deploymentModel = deployment.countingModel;
    this.connection = azureConnection(settings);
  }

  protected override unpricedError(): Error {
    // Called by the base constructor, before this class's fields are set.
    return azureDeployment({ deployment: this.model }).unpriced();
  }

  protected createChatModel(fields: BaseModelFields): AzureOpenAIChatModel {
    const { endpoint, apiVersion, apiKey, azureADTokenProvider } = this.connection;
    return new AzureOpenAIChatModel({
      ...openAIModelFields(fields),
      model: this.model,
      azureOpenAIApiDeploymentName: this.model,
      azureOpenAIEndpoint: endpoint,
      azureOpenAIApiVersion: apiVersion,
      // Every Azure field given, so that LangChain reads none from process.env.
      azureOpenAIApiKey: apiKey === undefined ? "" : API_KEY_AT_REQUEST,
      azureADTokenProvider,
      azureOpenAIApiInstanceName: "",
      azureOpenAIBasePath: "",
      configuration: { fetch: azureFetch(apiKey) },
    });
  }

  protected override logprobsOf(message: BaseMessage): TokenLogprob[] | undefined {
    return openAILogprobs(message);
  }
}
