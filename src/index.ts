/**
 * `@orchestratai/llm`: one LangChain.js interface to OpenAI and AWS Bedrock, with every call
 * priced in dollars. Everything of `@orchestratai/llm/openai` and `@orchestratai/llm/bedrock`
 * (the lean entry points: each loads one vendor's SDK only), plus the role factory that needs
 * both. The local stand-in servers are in `@orchestratai/llm/testing`.
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
