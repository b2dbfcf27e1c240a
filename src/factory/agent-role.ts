/**
 * The jobs a model does in an OrchestratAI agent system. Each role has its own model, chosen by
 * an environment variable (see `ROLE_MODELS`), and every call made for it is attributed to it.
 */
export enum AgentRole {
  /** Analyses a question and decides where it goes (default: Claude 3.5 Sonnet on Bedrock). */
  ORCHESTRATOR_ANALYSIS = "orchestrator_analysis",
  /** Answers questions about the assistant itself, fast (default: Claude 3 Haiku on Bedrock). */
  ORCHESTRATOR_GUIDE = "orchestrator_guide",
  /** Answers from retrieved documents (default: gpt-4-turbo). */
  RAG = "rag",
  /** Answers from a preloaded context (default: Claude 3 Haiku on Bedrock). */
  CAG = "cag",
  /** Combines retrieval and preloaded context (default: gpt-4o). */
  HYBRID = "hybrid",
  /** Answers without documents (default: Claude 3 Haiku on Bedrock). */
  DIRECT = "direct",
  /** Embeds documents and queries (default: text-embedding-3-large). */
  EMBEDDINGS = "embeddings",
}

/** Every role whose model is a chat model (all but {@link AgentRole.EMBEDDINGS}). */
export type ChatAgentRole = Exclude<AgentRole, AgentRole.EMBEDDINGS>;

/** Whether a role's model is a chat model. */
export function isChatRole(role: AgentRole): role is ChatAgentRole {
  return role !== AgentRole.EMBEDDINGS;
}
