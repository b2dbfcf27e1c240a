/**
 * The run-time names /work/shared/API.md (the public API contract) places in each entry point, as
 * `name: typeof`. Types are checked at compile time (see entry-exports.test.ts). A name added to
 * API.md is added here, in the entry the page puts it.
 */

/** What every vendor entry and the root export: errors, pricing, secrets, tracking, tokenizer warm-up. */
export const CORE_NAMES = {
  LLMError: "function",
  ProviderError: "function",
  InputError: "function",
  ConfigurationError: "function",
  SecretNotFoundError: "function",
  OnePasswordError: "function",
  UnknownModelPricingError: "function",
  BudgetExceededError: "function",
  PRICING: "object",
  findPricing: "function",
  dollarCost: "function",
  costOf: "function",
  formatCost: "function",
  CostTracker: "function",
  resolveSecret: "function",
  warmUpTokenizers: "function",
  sqliteLedger: "function",
  postgresLedger: "function",
} as const;

/** `@orchestratai/llm/openai`: OpenAI and Azure OpenAI providers and embeddings (and the Chroma helpers built on them). */
export const OPENAI_NAMES = {
  ...CORE_NAMES,
  OpenAIProvider: "function",
  OpenAIEmbeddingsProvider: "function",
  AzureOpenAIProvider: "function",
  AzureOpenAIChatModel: "function",
  AzureOpenAIEmbeddingsProvider: "function",
  AZURE_DEPLOYMENT_PREMIUM: "object",
  DEFAULT_AZURE_API_VERSION: "string",
  ChromaEmbeddingFunction: "function",
  ingestDocuments: "function",
} as const;

/** `@orchestratai/llm/bedrock`. */
export const BEDROCK_NAMES = { ...CORE_NAMES, BedrockProvider: "function" } as const;

/** `@orchestratai/llm`: everything, plus the role factory. */
export const ROOT_NAMES = {
  ...OPENAI_NAMES,
  ...BEDROCK_NAMES,
  AgentRole: "object",
  ProviderFactory: "function",
  getProviderFactory: "function",
  FallbackChatModel: "function",
  FallbackProvider: "function",
  DEFAULT_BREAKER: "object",
} as const;

/** `@orchestratai/llm/testing`: the stand-in servers. */
export const TESTING_NAMES = { startOpenAIStandIn: "function", startBedrockStandIn: "function", startStandIns: "function" } as const;

/** Names a vendor entry must not export: the other vendor's classes, which would load its SDK. */
export const OTHER_VENDOR = { openai: ["BedrockProvider", "createBedrockClient"], bedrock: ["OpenAIProvider", "OpenAIEmbeddingsProvider", "AzureOpenAIProvider"] } as const;
