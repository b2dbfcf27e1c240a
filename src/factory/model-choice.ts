import { ConfigurationError, UnknownModelPricingError } from "../errors";
import { parseModelId } from "../model-ids";
import { findPricing, type PricingTable } from "../pricing";
import type { ProviderName } from "../types";
import { AgentRole, isChatRole } from "./agent-role";
import { ROLE_MODELS } from "./role-models";

export { parseModelId };

/** The model a role resolved to, and where the id came from. */
export interface ModelChoice {
  role: AgentRole;
  provider: ProviderName;
  /** The model id, without an `openai:` / `bedrock:` prefix. */
  model: string;
  /** The environment variable that sets this role's model. */
  variable: string;
}

/** Where a role's model id is looked up: the `overrides` option, then the environment. */
export interface ModelSources {
  env: Record<string, string | undefined>;
  overrides: Partial<Record<AgentRole, string>>;
  /** Prices the model must have a row in. */
  pricing: PricingTable;
}

/** Embeddings model ids: OpenAI's `text-embedding-…`, Bedrock's `amazon.titan-embed-…`, `cohere.embed-…`. */
const EMBEDDING_MODEL_ID = /(^|[./])(text-embedding-|titan-embed|embed-)/;

/** Whether a (bare) model id names an embeddings model rather than a chat model. */
export function isEmbeddingModelId(model: string): boolean {
  return EMBEDDING_MODEL_ID.test(model);
}

/**
 * The model of a role: `overrides[role]`, else the role's environment variable, else its default.
 * @throws ConfigurationError naming the variable to fix when the id is empty, names an embeddings
 *   model for a chat role (or a chat model for EMBEDDINGS), or has no price.
 */
export function chooseModel(role: AgentRole, sources: ModelSources): ModelChoice {
  const { variable, defaultModel } = ROLE_MODELS[role];
  const override = sources.overrides[role];
  const fromEnv = sources.env[variable];
  const id = override ?? fromEnv ?? defaultModel;
  const where = override !== undefined ? `overrides.${role} (used in place of ${variable})` : fromEnv !== undefined ? variable : `the default of ${variable}`;
  const fail = (problem: string, options: { alternative?: string; cause?: unknown } = {}) =>
    new ConfigurationError(
      `Role ${role}: ${where} is "${id}": ${problem}. Set ${variable} to a model id such as "${defaultModel}"` +
        `${override !== undefined ? ` (or change overrides.${role})` : ""}${options.alternative ?? ""}.`,
      { cause: options.cause },
    );

  const { provider, model } = parseModelId(id);
  if (model === "") throw fail("no model id");
  if (isChatRole(role) && isEmbeddingModelId(model)) throw fail("an embeddings model, but this role needs a chat model");
  if (!isChatRole(role) && (provider !== "openai" || !isEmbeddingModelId(model))) {
    throw fail("not an OpenAI embeddings model (text-embedding-…), which this role needs");
  }
  if (findPricing(model, sources.pricing) === undefined) {
    throw fail("no price is known for this model, and every call must be priced", {
      alternative: `, or give the factory a tracker that prices it: new CostTracker({ pricing: { "${model}": { input: …, output: … } } })`,
      cause: new UnknownModelPricingError(model),
    });
  }
  return { role, provider, model, variable };
}
