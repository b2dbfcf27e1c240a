import { resolveSecret } from "../../secrets";
import { rememberSecret } from "../../secrets/redact";

/** OpenAI's own API address. */
const OPENAI_API_URL = "https://api.openai.com/v1";

/** Where and as whom OpenAI requests go. */
export interface OpenAIConnection {
  baseURL?: string;
  /** Resolves the API key at the first request (the openai SDK calls it), never at construction. */
  apiKey: () => Promise<string>;
}

/**
 * The endpoint and key loader of an OpenAI client: `baseURL` option → `OPENAI_BASE_URL` (of `env`
 * when given, else of process.env) → OpenAI;
 * `apiKey` option → `resolveSecret("OPENAI_API_KEY")` (environment, `.env`, 1Password).
 */
export function openAIConnection(settings: {
  baseURL?: string;
  apiKey?: string;
  env?: Record<string, string | undefined>;
}): OpenAIConnection {
  const env = settings.env ?? process.env;
  const { apiKey } = settings;
  rememberSecret(apiKey);
  return {
    // With an explicit `env`, it alone decides: the SDK must not fall back to process.env.
    baseURL: settings.baseURL ?? (env.OPENAI_BASE_URL || (settings.env === undefined ? undefined : OPENAI_API_URL)),
    apiKey: apiKey !== undefined ? async () => apiKey : () => resolveSecret("OPENAI_API_KEY", { env: settings.env }),
  };
}
