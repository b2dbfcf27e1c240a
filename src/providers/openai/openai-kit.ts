import type { VendorKit } from "../vendor-kit";
import { openAIConnection } from "./openai-connection";
import { OpenAIEmbeddingsProvider } from "./openai-embeddings";
import { OpenAIProvider } from "./openai-provider";

/** How the factory builds OpenAI providers: one per role, on the endpoint `OPENAI_BASE_URL` names (the providers' own rule). */
export const OPENAI_KIT: VendorKit = {
  connectionKey: (env) => openAIConnection({ env }).baseURL ?? "",
  chatProvider: (settings) => new OpenAIProvider(settings),
  embeddingsProvider: (settings) => new OpenAIEmbeddingsProvider(settings),
};
