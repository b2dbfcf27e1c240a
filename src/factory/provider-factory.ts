import { inspect } from "node:util";
import { ConfigurationError, InputError } from "../errors";
import { validateCallOptions } from "../providers/call-settings";
import { FallbackChain, type ChainMember } from "../providers/fallback/fallback-chain";
import { FallbackProvider } from "../providers/fallback/fallback-provider";
import { breakerSettings, ModelBreaker, type BreakerOptions } from "../providers/fallback/model-breaker";
import type { OpenAIEmbeddingsProvider } from "../providers/openai/openai-embeddings";
import type { LLMProvider } from "../providers/provider";
import type { RoleChatModel, RoleChatProvider } from "../providers/vendor-kit";
import type { VendorName } from "../providers/vendors";
import type { TelemetryOption } from "../telemetry";
import { CostTracker } from "../tracking/cost-tracker";
import { AgentRole, isChatRole, type ChatAgentRole } from "./agent-role";
import { chooseModels, type ModelChoice } from "./model-choice";
import { VENDOR_KITS } from "./vendor-kits";

export type { RoleChatModel } from "../providers/vendor-kit";

/** Options of a {@link ProviderFactory}. */
export interface ProviderFactoryOptions {
  /** Variables that choose models, endpoints and secrets (default: `process.env`). */
  env?: Record<string, string | undefined>;
  /** The tracker every role's calls are recorded in, and whose prices they use (default: a new one). */
  tracker?: CostTracker;
  /**
   * OpenTelemetry for the factory's own tracker (`new CostTracker({ telemetry })`, see
   * `CostTrackerOptions.telemetry`). A factory given a `tracker` uses that tracker's telemetry.
   */
  telemetry?: TelemetryOption;
  /**
   * Model ids that win over the roles' variables, e.g. `{ [AgentRole.RAG]: "gpt-4o" }`; a fallback
   * chain as `"a,b"` or `["a", "b"]` (as a variable may hold one: `DEFAULT_DIRECT_MODEL=a,b`).
   */
  overrides?: Partial<Record<AgentRole, string | readonly string[]>>;
  /**
   * The time limit of every chat call made through the factory's providers and runnables that sets
   * none itself, in milliseconds; default 10 minutes (`DEFAULT_CALL_TIMEOUT_MS`).
   */
  timeoutMs?: number;
  /**
   * Retries of a retryable failure (429, 5xx, throttling, a connection reset) by each provider of the
   * factory, before a fallback chain moves on to its next model; default 2.
   */
  maxRetries?: number;
  /**
   * When a model of a fallback chain is skipped: after `failureThreshold` (default 3) consecutive
   * retryable failures, for `cooldownMs` (default 30 s), then it is tried again. One breaker per
   * model and endpoint, shared by every role that names the model.
   */
  breaker?: BreakerOptions;
}

/** @throws InputError when `maxRetries` is given and is not a whole number, 0 or more. */
function checkRetries(maxRetries: number | undefined): void {
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) throw new InputError(`maxRetries must be a whole number, 0 or more, got ${maxRetries}.`);
}

/**
 * Gives every agent role its provider, with the role's model (its variable, see `ROLE_MODELS`),
 * the factory's tracker attached and the role attributed on every call (`metadata.role`, tag
 * `role:<role>`). A role's variable may name a fallback chain (`"a,b"`): its provider and chat
 * model then try the chain's models in order (see `FallbackChatModel`). Providers are cached: the
 * same role with the same models and endpoints returns the same instance. Each role keeps its own
 * provider, while roles on the same connection share what the vendor's kit shares (one
 * `BedrockRuntimeClient` per Bedrock endpoint and region). Vendors are built by their kits
 * (src/factory/vendor-kits.ts).
 */
export class ProviderFactory {
  /** Where every call made through this factory's providers is recorded and priced. */
  readonly tracker: CostTracker;
  /** Private (#) so that neither JSON.stringify nor console.log of a factory shows the variables. */
  readonly #env: Record<string, string | undefined>;
  private readonly overrides: Partial<Record<AgentRole, string | readonly string[]>>;
  private readonly timeoutMs?: number;
  private readonly maxRetries?: number;
  private readonly breakerOptions: Required<BreakerOptions>;
  private readonly chatProviders = new Map<string, RoleChatProvider>();
  private readonly embeddingProviders = new Map<string, OpenAIEmbeddingsProvider>();
  /** What each vendor's providers share per connection (a Bedrock client), by vendor and connection key. */
  private readonly connections = new Map<string, unknown>();
  private readonly breakers = new Map<string, ModelBreaker>();

  constructor(options: ProviderFactoryOptions = {}) {
    this.#env = options.env ?? process.env;
    if (options.tracker !== undefined && options.telemetry !== undefined) {
      throw new InputError("Pass telemetry to the tracker you give the factory: new CostTracker({ telemetry }); a factory given a tracker uses its telemetry.");
    }
    this.tracker = options.tracker ?? new CostTracker({ telemetry: options.telemetry });
    this.overrides = { ...options.overrides };
    validateCallOptions({ messages: [], timeoutMs: options.timeoutMs });
    this.timeoutMs = options.timeoutMs;
    checkRetries(options.maxRetries);
    this.maxRetries = options.maxRetries;
    this.breakerOptions = breakerSettings(options.breaker);
  }

  /**
   * The model id a role uses (without its vendor prefix); for a fallback chain, its first model.
   * @throws ConfigurationError naming the variable to fix when an id is empty, of the wrong kind or unpriced.
   */
  modelFor(role: AgentRole): string {
    return this.choose(role)[0]!.model;
  }

  /**
   * The role's provider, cached: the same role with the same settings returns the same instance.
   * For a fallback chain, a provider whose `complete()` and `stream()` follow the chain.
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
   * `withStructuredOutput`, `.pipe()`, inside LangGraph nodes. For a single model it is the
   * vendor's own class (`ChatOpenAI`, `ChatBedrockConverse`, `AzureChatOpenAI`); for a fallback
   * chain, a `FallbackChatModel` over the chain's models.
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
    const providers = [...this.chatProviders.values(), ...this.embeddingProviders.values()]
      .filter((provider) => !(provider instanceof FallbackProvider))
      .map((provider) => `${provider.provider}:${provider.model}`);
    return `ProviderFactory { providers: [${providers.map((name) => `'${name}'`).join(", ")}] }`;
  }

  private choose(role: AgentRole): ModelChoice[] {
    return chooseModels(role, { env: this.#env, overrides: this.overrides, pricing: this.tracker.pricing });
  }

  /** The cache key of a model's provider: its vendor, its id and its vendor's connection. */
  private keyOf(choice: ModelChoice): string {
    return JSON.stringify([choice.provider, choice.model, VENDOR_KITS[choice.provider].connectionKey(this.#env)]);
  }

  private chatProvider(role: ChatAgentRole): RoleChatProvider {
    const choices = this.choose(role);
    const key = JSON.stringify([role, ...choices.map((choice) => this.keyOf(choice))]);
    let cached = this.chatProviders.get(key);
    if (cached === undefined) {
      cached = choices.length === 1 ? this.singleProvider(role, choices[0]!) : new FallbackProvider(new FallbackChain(choices.map((choice) => this.member(role, choice))));
      this.chatProviders.set(key, cached);
    }
    return cached;
  }

  /** One model of a role's fallback chain: its provider and its breaker. */
  private member(role: ChatAgentRole, choice: ModelChoice): ChainMember<RoleChatProvider> {
    const key = this.keyOf(choice);
    let breaker = this.breakers.get(key);
    if (breaker === undefined) this.breakers.set(key, (breaker = new ModelBreaker(this.breakerOptions)));
    return { provider: choice.provider, model: choice.model, label: `${choice.provider}:${choice.model}`, target: this.singleProvider(role, choice), breaker };
  }

  /** The role's provider of one model, cached apart, so that the model's provider is the same alone or in a chain. */
  private singleProvider(role: ChatAgentRole, choice: ModelChoice): RoleChatProvider {
    const key = JSON.stringify([role, this.keyOf(choice)]);
    let cached = this.chatProviders.get(key);
    if (cached === undefined) {
      const kit = VENDOR_KITS[choice.provider];
      const settings = { ...this.roleSettings(role, choice), tags: [`role:${role}`], timeoutMs: this.timeoutMs };
      cached = kit.chatProvider(settings, (make) => this.shared(choice.provider, make));
      this.chatProviders.set(key, cached);
    }
    return cached;
  }

  private embeddingsProvider(): OpenAIEmbeddingsProvider {
    const [choice] = this.choose(AgentRole.EMBEDDINGS);
    const key = this.keyOf(choice!);
    let cached = this.embeddingProviders.get(key);
    if (cached === undefined) {
      // chooseModels accepts only vendors whose kit builds embeddings.
      cached = VENDOR_KITS[choice!.provider].embeddingsProvider!(this.roleSettings(AgentRole.EMBEDDINGS, choice!));
      this.embeddingProviders.set(key, cached);
    }
    return cached;
  }

  /** What every provider of a role is built with: its model, the tracker (whose prices it uses), the role, the env, the retries. */
  private roleSettings(role: AgentRole, choice: ModelChoice) {
    return { model: choice.model, tracker: this.tracker, metadata: { role }, env: this.#env, maxRetries: this.maxRetries };
  }

  /** The one object `make` builds for a vendor's current connection (a Bedrock client), made at the first ask. */
  private shared<T>(vendor: VendorName, make: () => T): T {
    const key = JSON.stringify([vendor, VENDOR_KITS[vendor].connectionKey(this.#env)]);
    if (!this.connections.has(key)) this.connections.set(key, make());
    return this.connections.get(key) as T;
  }
}
