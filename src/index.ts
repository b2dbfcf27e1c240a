/**
 * `@orchestratai/llm`: one LangChain.js interface to OpenAI, Azure OpenAI and AWS Bedrock, with
 * every call priced in dollars. Everything of `@orchestratai/llm/openai` and
 * `@orchestratai/llm/bedrock` (the lean entry points: each loads one vendor's SDK only), plus the
 * role factory (with its fallback chains) that needs them all. The local stand-in servers are in
 * `@orchestratai/llm/testing`.
 * @packageDocumentation
 */
export * from "./openai";
export * from "./bedrock";
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
export { FallbackChatModel, type FallbackCallOptions } from "./providers/fallback/fallback-chat-model";
export { FallbackProvider } from "./providers/fallback/fallback-provider";
export { DEFAULT_BREAKER, type BreakerOptions } from "./providers/fallback/model-breaker";
