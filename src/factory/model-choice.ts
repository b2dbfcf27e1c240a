import { ConfigurationError, UnknownModelPricingError } from "../errors";
import { findPricing, type PricingTable } from "../pricing";
import { listedVendor, parseModelId, type VendorName } from "../providers/vendors";
import { AgentRole, isChatRole } from "./agent-role";
import { ROLE_MODELS } from "./role-models";
import { VENDOR_KITS } from "./vendor-kits";

export { parseModelId };

/** A model a role resolved to, and where the id came from. */
export interface ModelChoice {
  role: AgentRole;
  /** The vendor that serves it. */
  provider: VendorName;
  /** The model id, without its vendor prefix (`openai:`, `bedrock:`, `azure:`). */
  model: string;
  /** The environment variable that sets this role's model. */
  variable: string;
}

/** Where a role's model ids are looked up: the `overrides` option, then the environment. */
export interface ModelSources {
  env: Record<string, string | undefined>;
  overrides: Partial<Record<AgentRole, string | readonly string[]>>;
  /** Prices each model must have a row in. */
  pricing: PricingTable;
}

/** The vendors whose kits build embeddings providers. */
const EMBEDDING_VENDORS = (Object.keys(VENDOR_KITS) as VendorName[]).filter((name) => VENDOR_KITS[name].embeddingsProvider !== undefined);

/** Embeddings model ids: OpenAI's `text-embedding-…`, Bedrock's `amazon.titan-embed-…`, `cohere.embed-…`. */
const EMBEDDING_MODEL_ID = /(^|[./])(text-embedding-|titan-embed|embed-)/;

/** Whether a (bare) model id names an embeddings model rather than a chat model. */
export function isEmbeddingModelId(model: string): boolean {
  return EMBEDDING_MODEL_ID.test(model);
}

/** The ids of a role's setting: a comma-separated chain in one string, or a list. */
function idsOf(setting: string | readonly string[]): readonly string[] {
  return typeof setting === "string" ? setting.split(",") : setting;
}

/**
 * The models of a role, in the order its fallback chain tries them: `overrides[role]`, else the
 * role's environment variable, else its default. A setting may name a chain, `"a,b"` (or, in
 * `overrides`, `["a", "b"]`): b serves the role when a fails with a retryable error.
 * @throws ConfigurationError naming the variable to fix when the chain is empty (`[]`), an id is empty, names an embeddings
 *   model for a chat role (or a chat model for EMBEDDINGS), or has no price, and for a chain on
 *   EMBEDDINGS (vectors of different models are not comparable).
 */
export function chooseModels(role: AgentRole, sources: ModelSources): ModelChoice[] {
  const { variable, defaultModel } = ROLE_MODELS[role];
  const override = sources.overrides[role];
  const fromEnv = sources.env[variable];
  const setting = override ?? fromEnv ?? defaultModel;
  const shown = typeof setting === "string" ? `"${setting}"` : setting.length === 0 ? "[]" : `"${setting.join(",")}"`;
  const where = override !== undefined ? `overrides.${role} (used in place of ${variable})` : fromEnv !== undefined ? variable : `the default of ${variable}`;
  const fail = (problem: string, options: { alternative?: string; cause?: unknown } = {}) =>
    new ConfigurationError(
      `Role ${role}: ${where} is ${shown}: ${problem}. Set ${variable} to a model id such as "${defaultModel}"` +
        `${override !== undefined ? ` (or change overrides.${role})` : ""}${options.alternative ?? ""}.`,
      { cause: options.cause },
    );
  const ids = idsOf(setting);
  if (ids.length === 0) throw fail("an empty fallback chain, with no model to call", { alternative: ', or give a list of one or more ids: ["gpt-4o", "gpt-4o-mini"]' });
  if (ids.length > 1 && !isChatRole(role)) throw fail("a fallback chain, but embeddings of different models are not comparable, so this role takes one model");
  return ids.map((id, index) => {
    // In a chain, each problem names the entry it is about.
    const about = (problem: string) => (ids.length > 1 ? `entry ${index + 1} of its fallback chain ("${id.trim()}"): ${problem}` : problem);
    const { provider, model } = parseModelId(id);
    if (model === "") throw fail(about("no model id"));
    // The model the id stands for, where it is not the id itself (an Azure deployment's).
    const behind = VENDOR_KITS[provider].modelBehind?.(model, sources.env) ?? model;
    if (isChatRole(role) && isEmbeddingModelId(behind)) throw fail(about("an embeddings model, but this role needs a chat model"));
    if (!isChatRole(role)) checkEmbeddingsVendor(provider, behind, fail);
    if (findPricing(behind, sources.pricing) === undefined && findPricing(model, sources.pricing) === undefined) {
      const advice = VENDOR_KITS[provider].unpriced?.(model);
      if (advice !== undefined) throw new ConfigurationError(`Role ${role}: ${where} is ${shown}: ${about(advice.problem)}. ${advice.fix}.`, { cause: advice.cause });
      throw fail(about("no price is known for this model, and every call must be priced"), {
        alternative: `, or give the factory a tracker that prices it: new CostTracker({ pricing: { "${model}": { input: …, output: … } } })`,
        cause: new UnknownModelPricingError(model),
      });
    }
    return { role, provider, model, variable };
  });
}

/** Refuses a model the EMBEDDINGS role cannot use: not an embeddings model of a vendor that serves them. */
function checkEmbeddingsVendor(provider: VendorName, model: string, fail: (problem: string) => Error): void {
  if (EMBEDDING_VENDORS.includes(provider) && isEmbeddingModelId(model)) return;
  const labels = EMBEDDING_VENDORS.map((name) => listedVendor(name)!.label);
  throw fail(`not an ${labels.join(" or ")} embeddings model (text-embedding-…), which this role needs`);
}

/**
 * The first model of a role (the only one, unless its setting names a fallback chain); see {@link chooseModels}.
 * @throws ConfigurationError naming the variable to fix when an id is unusable.
 */
export function chooseModel(role: AgentRole, sources: ModelSources): ModelChoice {
  return chooseModels(role, sources)[0]!;
}
