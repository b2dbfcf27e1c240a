import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { UnknownModelPricingError } from "../errors";
import type { CostTracker } from "../tracking/cost-tracker";
import type { OpenAIEmbeddingsProvider } from "./openai/openai-embeddings";
import type { LLMProvider } from "./provider";

/**
 * A role's chat model: a `BaseChatModel` on which `bindTools` is always there (the package's chat
 * models and a role's fallback chain all implement it).
 */
export type RoleChatModel = BaseChatModel & Required<Pick<BaseChatModel, "bindTools">>;

/** A chat provider the factory hands out: its chat model has `bindTools`. */
export type RoleChatProvider = LLMProvider & { readonly chatModel: RoleChatModel };

/** Variables that choose models, endpoints and secrets. */
export type Env = Record<string, string | undefined>;

/** What every provider of a role is built with. */
export interface RoleProviderSettings {
  /** The model id, without its vendor prefix. */
  model: string;
  /** Where its calls are recorded, and whose prices it uses. */
  tracker: CostTracker;
  /** `role` on every run. */
  metadata: { role: string };
  /** `role:<role>` on every run. */
  tags: string[];
  /** The factory's time limit of a call, if it has one. */
  timeoutMs?: number;
  /** The factory's retries of a retryable failure, if it sets them. */
  maxRetries?: number;
  env: Env;
}

/** Gives the one object made for the vendor's connection (made by `make` the first time). */
export type SharedConnection = <T>(make: () => T) => T;

/**
 * What the role factory needs of a vendor to build and cache its providers: the heavy half of a
 * vendor (it loads the vendor's SDK), kept apart from its descriptor (`VendorDescriptor`), which
 * the shared core reads from every entry point. One per vendor folder (`<vendor>-kit.ts`), listed
 * in src/factory/vendor-kits.ts.
 */
export interface VendorKit {
  /**
   * Everything read from the variables that a provider of the vendor depends on (endpoint, region,
   * API version, deployments): providers with the same key are the same, and share a connection.
   */
  connectionKey(env: Env): string;
  /** The model an id of the vendor stands for (an Azure deployment's), as far as the variables say; default: the id. */
  modelBehind?(id: string, env: Env): string;
  /**
   * For an id without a price, what the factory's error says instead of "set the role's variable to
   * a priced model id" (an Azure deployment: the mapping variable to set), and the error it wraps.
   */
  unpriced?(id: string): UnpricedAdvice;
  /** A chat provider for a role; `shared` gives the one client of the vendor's connection. */
  chatProvider(settings: RoleProviderSettings, shared: SharedConnection): RoleChatProvider;
  /** An embeddings provider for the EMBEDDINGS role; absent: the vendor serves no embeddings through the factory. */
  embeddingsProvider?(settings: Omit<RoleProviderSettings, "tags" | "timeoutMs">): OpenAIEmbeddingsProvider;
}

/** What a {@link VendorKit}'s `unpriced` says of an id without a price. */
export interface UnpricedAdvice {
  /** What is wrong, after the role's setting ("… has no price: …"). */
  problem: string;
  /** What to set (a sentence, without its full stop). */
  fix: string;
  /** The pricing error it stands for (the factory's error's `cause`). */
  cause: UnknownModelPricingError;
}
