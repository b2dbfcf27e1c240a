import { inspect } from "node:util";
import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ConfigurationError } from "../errors";
import { bedrockConnectionKey, createBedrockClient } from "../providers/bedrock/bedrock-client";
import { BedrockProvider } from "../providers/bedrock/bedrock-provider";
import { openAIConnection } from "../providers/openai/openai-connection";
import { OpenAIEmbeddingsProvider } from "../providers/openai/openai-embeddings";
import { OpenAIProvider } from "../providers/openai/openai-provider";
import { validateCallOptions } from "../providers/call-settings";
import type { LLMProvider } from "../providers/provider";
import { CostTracker } from "../tracking/cost-tracker";
import { AgentRole, isChatRole, type ChatAgentRole } from "./agent-role";
import { chooseModel, type ModelChoice } from "./model-choice";

/** Options of a {@link ProviderFactory}. */
export interface ProviderFactoryOptions {
  /** Variables that choose models, endpoints and secrets (default: `process.env`). */
  env?: Record<string, string | undefined>;
  /** The tracker every role's calls are recorded in, and whose prices they use (default: a new one). */
  tracker?: CostTracker;
  /** Model ids that win over the roles' variables, e.g. `{ [AgentRole.RAG]: "gpt-4o" }`. */
  overrides?: Partial<Record<AgentRole, string>>;
  /**
   * The time limit of every chat call made through the factory's providers and runnables that sets
   * none itself, in milliseconds; default 10 minutes (`DEFAULT_CALL_TIMEOUT_MS`).
   */
  timeoutMs?: number;
}

/**
 * A role's chat model: a `BaseChatModel` on which `bindTools` is always there (both wrapped
 * classes, `ChatOpenAI` and `ChatBedrockConverse`, implement it).
 */
export type RoleChatModel = BaseChatModel & Required<Pick<BaseChatModel, "bindTools">>;

type RoleChatProvider = OpenAIProvider | BedrockProvider;

/**
 * Gives every agent role its provider, with the role's model (its variable, see `ROLE_MODELS`),
 * the factory's tracker attached and the role attributed on every call (`metadata.role`, tag
 * `role:<role>`). Providers are cached: the same role with the same model and endpoint returns the
 * same instance. Each role keeps its own provider, while roles on the same Bedrock endpoint and
 * region share one `BedrockRuntimeClient` (and its connections).
 */
export class ProviderFactory {
  /** Where every call made through this factory's providers is recorded and priced. */
  readonly tracker: CostTracker;
  /** Private (#) so that neither JSON.stringify nor console.log of a factory shows the variables. */
  readonly #env: Record<string, string | undefined>;
  private readonly overrides: Partial<Record<AgentRole, string>>;
  private readonly timeoutMs?: number;
  private readonly chatProviders = new Map<string, RoleChatProvider>();
  private readonly embeddingProviders = new Map<string, OpenAIEmbeddingsProvider>();
  private readonly bedrockClients = new Map<string, BedrockRuntimeClient>();

  constructor(options: ProviderFactoryOptions = {}) {
    this.#env = options.env ?? process.env;
    this.tracker = options.tracker ?? new CostTracker();
    this.overrides = { ...options.overrides };
    validateCallOptions({ messages: [], timeoutMs: options.timeoutMs });
    this.timeoutMs = options.timeoutMs;
  }

  /**
   * The model id a role uses (without an `openai:` / `bedrock:` prefix).
   * @throws ConfigurationError naming the variable to fix when the id is empty, of the wrong kind or unpriced.
   */
  modelFor(role: AgentRole): string {
    return this.choose(role).model;
  }

  /**
   * The role's provider, cached: the same role with the same settings returns the same instance.
   * @throws ConfigurationError naming the variable to fix when the role's model id is unusable.
   */
  forRole(role: AgentRole.EMBEDDINGS): OpenAIEmbeddingsProvider;
  forRole(role: ChatAgentRole): LLMProvider;
  forRole(role: AgentRole): LLMProvider | OpenAIEmbeddingsProvider;
  forRole(role: AgentRole): LLMProvider | OpenAIEmbeddingsProvider {
    return isChatRole(role) ? this.chatProvider(role) : this.embeddingsProvider();
  }

  /**
   * The role's chat model (the provider's `chatModel`): the tracker attached, `metadata.role` and
   * tag `role:<role>` on every run. Use it like any LangChain chat model: `bindTools`,
   * `withStructuredOutput`, `.pipe()`, inside LangGraph nodes.
   * @throws ConfigurationError for {@link AgentRole.EMBEDDINGS}, which has no chat model.
   */
  runnableFor(role: AgentRole): RoleChatModel {
    if (!isChatRole(role)) {
      throw new ConfigurationError(
        `Role ${role} has no chat model: use factory.forRole(AgentRole.EMBEDDINGS) for its OpenAIEmbeddingsProvider.`,
      );
    }
    return this.chatProvider(role).chatModel;
  }

  /** `console.log` / `util.inspect` show the providers made so far, never their SDK clients (which hold credentials). */
  [inspect.custom](): string {
    const providers = [...this.chatProviders.values(), ...this.embeddingProviders.values()].map((provider) => `${provider.provider}:${provider.model}`);
    return `ProviderFactory { providers: [${providers.map((name) => `'${name}'`).join(", ")}] }`;
  }

  private choose(role: AgentRole): ModelChoice {
    return chooseModel(role, { env: this.#env, overrides: this.overrides, pricing: this.tracker.pricing });
  }

  /** What every provider of a role is built with: its model, the tracker (whose prices it uses), the role, the env. */
  private roleSettings(role: AgentRole, model: string) {
    return { model, tracker: this.tracker, metadata: { role }, env: this.#env };
  }

  private chatProvider(role: ChatAgentRole): RoleChatProvider {
    const { provider, model } = this.choose(role);
    const connection = provider === "bedrock" ? bedrockConnectionKey({ env: this.#env }) : this.openAIEndpoint();
    const key = JSON.stringify([role, provider, model, connection]);
    let cached = this.chatProviders.get(key);
    if (cached === undefined) {
      const settings = { ...this.roleSettings(role, model), tags: [`role:${role}`], timeoutMs: this.timeoutMs };
      cached = provider === "bedrock" ? new BedrockProvider({ ...settings, client: this.bedrockClient(connection) }) : new OpenAIProvider(settings);
      this.chatProviders.set(key, cached);
    }
    return cached;
  }

  private embeddingsProvider(): OpenAIEmbeddingsProvider {
    const { model } = this.choose(AgentRole.EMBEDDINGS);
    const key = JSON.stringify([model, this.openAIEndpoint()]);
    let cached = this.embeddingProviders.get(key);
    if (cached === undefined) {
      cached = new OpenAIEmbeddingsProvider(this.roleSettings(AgentRole.EMBEDDINGS, model));
      this.embeddingProviders.set(key, cached);
    }
    return cached;
  }

  /** The OpenAI endpoint the factory's providers call, by the providers' own rule (see `openAIConnection`). */
  private openAIEndpoint(): string {
    return openAIConnection({ env: this.#env }).baseURL ?? "";
  }

  private bedrockClient(connection: string): BedrockRuntimeClient {
    let client = this.bedrockClients.get(connection);
    if (client === undefined) {
      client = createBedrockClient({ env: this.#env });
      this.bedrockClients.set(connection, client);
    }
    return client;
  }
}
