/**
 * `@orchestratai/llm`: one LangChain.js interface to OpenAI and AWS Bedrock, with every call
 * priced in dollars. The local stand-in servers are in `@orchestratai/llm/testing`.
 * @packageDocumentation
 */
export type {
  CallOptions,
  ChatMessage,
  ChatRole,
  EmbeddingResult,
  LLMCallResult,
  MessagesInput,
  ProviderName,
  StreamChunk,
  TokenLogprob,
  TokenUsage,
} from "./types";
export {
  BudgetExceededError,
  ConfigurationError,
  InputError,
  LLMError,
  OnePasswordError,
  ProviderError,
  SecretNotFoundError,
  UnknownModelPricingError,
  type ProviderErrorReason,
} from "./errors";
export { toBaseMessages } from "./messages";
export {
  PRICING,
  costOf,
  dollarCost,
  findPricing,
  formatCost,
  isLongContext,
  mergePricing,
  type LongContextTier,
  type ModelPricing,
  type PricingRates,
  type PricingTable,
  type TokenCounts,
} from "./pricing";
export { resolveSecret, clearSecretCache, type ResolveSecretOptions } from "./secrets";
export { CostTracker, type CostTrackerOptions } from "./tracking/cost-tracker";
export type { CostBucket, CostTotals, TrackedCall } from "./tracking/totals";
export {
  sqliteLedger,
  postgresLedger,
  LedgerDriverMissingError,
  LedgerUnavailableError,
  type Budget,
  type CostLedger,
  type LedgerOptions,
  type LedgerQuery,
  type LedgerTotals,
  type PostgresLedgerOptions,
  type SqliteLedgerOptions,
} from "./ledger";
export type { LLMProvider, TokenCount } from "./providers/provider";
export type { ChatProviderSettings } from "./providers/chat-provider";
export { OpenAIProvider, type OpenAIProviderSettings } from "./providers/openai/openai-provider";
export {
  OpenAIEmbeddingsProvider,
  DEFAULT_EMBEDDING_MODEL,
  type OpenAIEmbeddingsSettings,
} from "./providers/openai/openai-embeddings";
export {
  ChromaEmbeddingFunction,
  CHROMA_EMBEDDING_FUNCTION_NAME,
  ChromaIngestError,
  ingestDocuments,
  stableDocumentId,
  type ChromaEmbeddingFunctionConfig,
  type DocumentMetadata,
  type IngestOptions,
  type IngestProgress,
  type IngestResult,
} from "./chroma";
export { BedrockProvider, type BedrockProviderSettings, type CountTokensExactOptions } from "./providers/bedrock/bedrock-provider";
export { createBedrockClient, type BedrockClientOptions } from "./providers/bedrock/bedrock-client";
export { CountTokensUnsupportedError } from "./providers/bedrock/bedrock-errors";
export {
  AgentRole,
  ProviderFactory,
  getProviderFactory,
  ROLE_MODELS,
  parseModelId,
  isChatRole,
  type ChatAgentRole,
  type ProviderFactoryOptions,
  type RoleChatModel,
  type RoleModel,
} from "./factory";
