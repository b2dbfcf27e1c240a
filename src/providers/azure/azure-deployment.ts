import { InputError, UnknownModelPricingError } from "../../errors";
import { AZURE_DEPLOYMENT_PREMIUM, type AzureDeploymentType } from "../../pricing/catalog/azure-deployment-types";
import type { PriceList } from "../../pricing";

/** What an Azure OpenAI deployment is: its name, the model it serves and how it is priced. */
export interface AzureDeploymentSettings {
  /** The deployment's name: what requests ask for (`/openai/deployments/<deployment>/…`), and the provider's `model`. */
  deployment: string;
  /**
   * The model the deployment serves (`gpt-4o`, `gpt-4o-2024-11-20`): its price when an answer
   * reports no model, and its tokenizer. Shorthand for `deployments: { [deployment]: model }`.
   */
  model?: string;
  /**
   * Where the deployment processes requests, which sets its price: `global` (default; OpenAI's
   * list rates), `data-zone` or `regional` (10% more on every rate; see `AZURE_DEPLOYMENT_PREMIUM`).
   * Custom `pricing` rows are taken as they are.
   */
  deploymentType?: AzureDeploymentType;
  /** Deployment name → the model it serves, for deployments not named after their model (one mapping can serve every provider). */
  deployments?: Readonly<Record<string, string>>;
}

/** The deployment types, for messages. */
const DEPLOYMENT_TYPES = Object.keys(AZURE_DEPLOYMENT_PREMIUM) as AzureDeploymentType[];

/**
 * How a deployment is priced and counted, checked before any request:
 * - `prices(base)`: the answered model first (Azure reports it, e.g. `gpt-4o-2024-11-20`), then
 *   the deployment's own name, then the model the mapping says it serves; at the deployment
 *   type's premium (custom rows excepted);
 * - `countingModel`: the model its text is counted as;
 * - `unpriced()`: the error when none of those has a price, naming the deployment and the mapping to add.
 * @throws InputError for an empty deployment name or an unknown deployment type.
 */
export function azureDeployment(settings: AzureDeploymentSettings) {
  const { deployment, model, deploymentType = "global" } = settings;
  if (typeof deployment !== "string" || deployment.trim() === "") {
    throw new InputError('An Azure OpenAI provider needs its deployment\'s name: pass { deployment: "my-gpt-4o" }.');
  }
  if (!DEPLOYMENT_TYPES.includes(deploymentType)) {
    throw new InputError(`deploymentType must be one of ${DEPLOYMENT_TYPES.map((type) => `"${type}"`).join(", ")}; got ${JSON.stringify(deploymentType)}.`);
  }
  const aliases: Record<string, string> = { ...settings.deployments, ...(model === undefined ? {} : { [deployment]: model }) };
  const factor = AZURE_DEPLOYMENT_PREMIUM[deploymentType];
  return {
    prices: (base: PriceList): PriceList => base.withAliases(aliases).withPremium({ name: deploymentType, factor }),
    countingModel: Object.hasOwn(aliases, deployment) ? aliases[deployment]! : deployment,
    unpriced: (): UnknownModelPricingError =>
      new UnknownModelPricingError(
        deployment,
        `No price is known for Azure OpenAI deployment "${deployment}": its name is not a model id the package prices, and no mapping says which model it serves. ` +
          `Say which model it serves: { deployments: { "${deployment}": "gpt-4o" } } or { model: "gpt-4o" } (for the factory, AZURE_OPENAI_DEPLOYMENTS="${deployment}=gpt-4o"), ` +
          `or give it a price: { pricing: { "${deployment}": { input: …, output: … } } }. Answers that report their model are priced by that model first.`,
      ),
  };
}
