export { AgentRole, isChatRole, type ChatAgentRole } from "./agent-role";
export { ROLE_MODELS, type RoleModel } from "./role-models";
export { chooseModel, chooseModels, isEmbeddingModelId, parseModelId, type ModelChoice, type ModelSources } from "./model-choice";
export { ProviderFactory, type ProviderFactoryOptions, type RoleChatModel } from "./provider-factory";
export { getProviderFactory } from "./get-provider-factory";
