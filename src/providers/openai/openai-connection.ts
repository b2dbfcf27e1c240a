import { resolveSecret } from "../../secrets";

/** Where and as whom OpenAI requests go. */
export interface OpenAIConnection {
  baseURL?: string;
  /** Resolves the API key at the first request (the openai SDK calls it), never at construction. */
  apiKey: () => Promise<string>;
}

/**
 * The endpoint and key loader of an OpenAI client: `baseURL` option → `OPENAI_BASE_URL` → OpenAI;
 * `apiKey` option → `resolveSecret("OPENAI_API_KEY")` (environment, `.env`, 1Password).
 */
export function openAIConnection(settings: {
  baseURL?: string;
  apiKey?: string;
  env?: Record<string, string | undefined>;
}): OpenAIConnection {
  const env = settings.env ?? process.env;
  const { apiKey } = settings;
  return {
    baseURL: settings.baseURL ?? (env.OPENAI_BASE_URL || undefined),
    apiKey: apiKey !== undefined ? async () => apiKey : () => resolveSecret("OPENAI_API_KEY", { env: settings.env }),
  };
}
