import { ConfigurationError } from "../../errors";
import { AZURE_DEPLOYMENT_PREMIUM, type AzureDeploymentType } from "../../pricing/catalog/azure-deployment-types";
import { variableValue } from "../../secrets/resolve-secret";
import type { Env, RoleProviderSettings, VendorKit } from "../vendor-kit";
import { azureConnectionKey } from "./azure-connection";
import { azureDeployment, type AzureDeploymentSettings } from "./azure-deployment";
import { AzureOpenAIEmbeddingsProvider } from "./azure-embeddings";
import { AzureOpenAIProvider } from "./azure-provider";

/**
 * `AZURE_OPENAI_DEPLOYMENTS`: the models of deployments not named after them, as
 * `deployment=model` pairs separated by commas (`chat-prod=gpt-4o-2024-11-20,embed=text-embedding-3-large`).
 * @throws ConfigurationError for a pair without `=`, or with an empty side.
 */
function deploymentsOf(env: Env): Record<string, string> {
  const deployments: Record<string, string> = {};
  const value = variableValue(env, "AZURE_OPENAI_DEPLOYMENTS");
  for (const pair of value?.split(",") ?? []) {
    const [deployment = "", model = "", ...rest] = pair.split("=").map((side) => side.trim());
    if (deployment === "" || model === "" || rest.length > 0) {
      throw new ConfigurationError(`AZURE_OPENAI_DEPLOYMENTS is "${value}": "${pair.trim()}" is not a deployment=model pair. Write it as "my-deployment=gpt-4o,other=gpt-4o-mini".`);
    }
    deployments[deployment] = model;
  }
  return deployments;
}

/**
 * `AZURE_OPENAI_DEPLOYMENT_TYPE`: the type of the factory's Azure deployments (default global).
 * @throws ConfigurationError for a type Azure does not have.
 */
function deploymentTypeOf(env: Env): AzureDeploymentType | undefined {
  const type = variableValue(env, "AZURE_OPENAI_DEPLOYMENT_TYPE");
  if (type === undefined || Object.hasOwn(AZURE_DEPLOYMENT_PREMIUM, type)) return type as AzureDeploymentType | undefined;
  throw new ConfigurationError(`AZURE_OPENAI_DEPLOYMENT_TYPE is "${type}": use ${Object.keys(AZURE_DEPLOYMENT_PREMIUM).join(", ")}.`);
}

/**
 * A role's provider settings for Azure: the deployment (the model id after `azure:`, not the model
 * it serves), its mapping and type from the variables.
 */
function deploymentOf<Settings extends Pick<RoleProviderSettings, "model" | "env">>(settings: Settings): Omit<Settings, "model"> & AzureDeploymentSettings {
  const { model: deployment, ...rest } = settings;
  return { ...rest, deployment, deployments: deploymentsOf(settings.env), deploymentType: deploymentTypeOf(settings.env) };
}

/**
 * How the factory builds Azure OpenAI providers for `azure:<deployment>` ids: the resource from
 * `AZURE_OPENAI_ENDPOINT` (or `AZURE_OPENAI_API_INSTANCE_NAME`) and `AZURE_OPENAI_API_VERSION`, the
 * key from `resolveSecret("AZURE_OPENAI_API_KEY")`, the deployments' models from
 * `AZURE_OPENAI_DEPLOYMENTS` and their type from `AZURE_OPENAI_DEPLOYMENT_TYPE`.
 */
export const AZURE_KIT: VendorKit = {
  connectionKey: (env) => JSON.stringify([azureConnectionKey({ env }), variableValue(env, "AZURE_OPENAI_DEPLOYMENTS") ?? "", variableValue(env, "AZURE_OPENAI_DEPLOYMENT_TYPE") ?? ""]),
  modelBehind: (id, env) => {
    const deployments = deploymentsOf(env);
    return Object.hasOwn(deployments, id) ? deployments[id]! : id;
  },
  unpriced: (deployment) => ({
    problem: `Azure OpenAI deployment "${deployment}" has no price: its name is not a model id the package prices, and AZURE_OPENAI_DEPLOYMENTS does not say which model it serves`,
    fix:
      `Set AZURE_OPENAI_DEPLOYMENTS="${deployment}=gpt-4o" (deployment=model pairs, comma-separated: the model the deployment serves), ` +
      `or give the factory a tracker that prices it: new CostTracker({ pricing: { "${deployment}": { input: …, output: … } } })`,
    cause: azureDeployment({ deployment }).unpriced(),
  }),
  chatProvider: (settings) => new AzureOpenAIProvider(deploymentOf(settings)),
  embeddingsProvider: (settings) => new AzureOpenAIEmbeddingsProvider(deploymentOf(settings)),
};
