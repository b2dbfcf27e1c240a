import { AgentRole } from "./agent-role";

/** Where a role's model id comes from. */
export interface RoleModel {
  /** The environment variable that sets the model id. */
  variable: string;
  /** The model id used when the variable is not set. */
  defaultModel: string;
}

/** DATA ONLY: role → environment variable → default model id. */
export const ROLE_MODELS: Readonly<Record<AgentRole, RoleModel>> = {
  [AgentRole.ORCHESTRATOR_ANALYSIS]: {
    variable: "ORCHESTRATOR_ANALYSIS_MODEL",
    defaultModel: "anthropic.claude-3-5-sonnet-20241022-v2:0",
  },
  [AgentRole.ORCHESTRATOR_GUIDE]: {
    variable: "ORCHESTRATOR_GUIDE_MODEL",
    defaultModel: "anthropic.claude-3-haiku-20240307-v1:0",
  },
  [AgentRole.RAG]: { variable: "DEFAULT_RAG_MODEL", defaultModel: "gpt-4-turbo" },
  [AgentRole.CAG]: { variable: "DEFAULT_CAG_MODEL", defaultModel: "anthropic.claude-3-haiku-20240307-v1:0" },
  [AgentRole.HYBRID]: { variable: "DEFAULT_HYBRID_MODEL", defaultModel: "gpt-4o" },
  [AgentRole.DIRECT]: { variable: "DEFAULT_DIRECT_MODEL", defaultModel: "anthropic.claude-3-haiku-20240307-v1:0" },
  [AgentRole.EMBEDDINGS]: { variable: "DEFAULT_EMBEDDING_MODEL", defaultModel: "text-embedding-3-large" },
};
