/**
 * What every entry point of `@orchestratai/llm` exports: the types, errors, pricing, secrets, cost
 * tracking and tokenizer warm-up that both vendors share. Loads no vendor SDK.
 * @packageDocumentation
 */
export type {
  CallOptions,
  ChatMessage,
  ChatRole,
  EmbeddingResult,
  LLMCallResult,
  MessagesInput,
  PricedWith,
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
  type BudgetDetails,
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
  type CostOptions,
  type LongContextTier,
  type ModelPricing,
  type PricingRates,
  type PricingTable,
  type ServiceTierRates,
  type TokenCounts,
} from "./pricing";
export { resolveSecret, clearSecretCache, type ResolveSecretOptions } from "./secrets";
export { CostTracker, type CostTrackerOptions } from "./tracking/cost-tracker";
export type { TelemetryOption, TelemetrySettings } from "./telemetry";
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
export { warmUpTokenizers } from "./tokens/warm-up";
export { DEFAULT_CALL_TIMEOUT_MS } from "./providers/call-signal";
export type { TimeLimitCallOption } from "./providers/model-call-guard";
