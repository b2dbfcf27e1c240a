import { ConfigurationError, InputError } from "../../errors";
import { resolveSecret } from "../../secrets";
import { rememberSecret } from "../../secrets/redact";
import { variableValue } from "../../secrets/resolve-secret";

/**
 * The `api-version` requests carry when neither the option nor `AZURE_OPENAI_API_VERSION` names one:
 * the GA version of Azure OpenAI's data-plane API that the package is tested against.
 */
export const DEFAULT_AZURE_API_VERSION = "2024-10-21";

/** A Microsoft Entra ID token provider, e.g. `getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")`. */
export type AzureTokenProvider = () => Promise<string>;

/** Where Azure OpenAI requests go and how they authenticate. */
export interface AzureConnectionSettings {
  /** `https://<resource>.openai.azure.com` (default: `AZURE_OPENAI_ENDPOINT`, else `AZURE_OPENAI_API_INSTANCE_NAME`'s). */
  endpoint?: string;
  /** Default: `AZURE_OPENAI_API_VERSION`, else {@link DEFAULT_AZURE_API_VERSION}. */
  apiVersion?: string;
  /** Default: `resolveSecret("AZURE_OPENAI_API_KEY")` at the first request. */
  apiKey?: string;
  /** Microsoft Entra ID instead of a key: called for a bearer token at each request. */
  azureADTokenProvider?: AzureTokenProvider;
  /** Variables to read the endpoint, version and key from (default: process.env). */
  env?: Record<string, string | undefined>;
}

/** A resolved Azure OpenAI connection. */
export interface AzureConnection {
  /** The resource's endpoint, without a trailing slash. */
  endpoint: string;
  apiVersion: string;
  /** Resolves the API key at the first request; absent with an Entra ID token provider. */
  apiKey?: () => Promise<string>;
  azureADTokenProvider?: AzureTokenProvider;
}

/** The endpoint known from the settings, without a trailing slash, if any. */
function endpointOf(settings: AzureConnectionSettings): string | undefined {
  const env = settings.env ?? process.env;
  const instance = variableValue(env, "AZURE_OPENAI_API_INSTANCE_NAME");
  const endpoint = settings.endpoint ?? variableValue(env, "AZURE_OPENAI_ENDPOINT") ?? (instance === undefined ? undefined : `https://${instance}.openai.azure.com`);
  return endpoint?.replace(/\/+$/, "");
}

function apiVersionOf(settings: AzureConnectionSettings): string {
  return settings.apiVersion ?? variableValue(settings.env ?? process.env, "AZURE_OPENAI_API_VERSION") ?? DEFAULT_AZURE_API_VERSION;
}

/** What tells one Azure resource (and API version) from another: providers with the same key can share connections. */
export function azureConnectionKey(settings: AzureConnectionSettings): string {
  return JSON.stringify([endpointOf(settings) ?? "", apiVersionOf(settings)]);
}

/**
 * The endpoint, API version and credentials of Azure OpenAI requests, as the SDK names them:
 * `endpoint` → `AZURE_OPENAI_ENDPOINT` → `https://<AZURE_OPENAI_API_INSTANCE_NAME>.openai.azure.com`;
 * `apiVersion` → `AZURE_OPENAI_API_VERSION` → {@link DEFAULT_AZURE_API_VERSION}; an Entra ID
 * `azureADTokenProvider`, else `apiKey` → `resolveSecret("AZURE_OPENAI_API_KEY")` (environment,
 * `.env`, 1Password) at the first request, never at construction.
 * @throws ConfigurationError when no endpoint is known; InputError when both a key and a token provider are given.
 */
export function azureConnection(settings: AzureConnectionSettings): AzureConnection {
  const endpoint = endpointOf(settings);
  if (endpoint === undefined) {
    throw new ConfigurationError(
      "No Azure OpenAI endpoint: pass { endpoint: \"https://<resource>.openai.azure.com\" }, or set AZURE_OPENAI_ENDPOINT (or AZURE_OPENAI_API_INSTANCE_NAME).",
    );
  }
  const { apiKey, azureADTokenProvider } = settings;
  if (apiKey !== undefined && azureADTokenProvider !== undefined) {
    throw new InputError("Pass either apiKey or azureADTokenProvider to an Azure OpenAI provider, not both: one request authenticates one way.");
  }
  if (azureADTokenProvider !== undefined) return { endpoint, apiVersion: apiVersionOf(settings), azureADTokenProvider };
  rememberSecret(apiKey);
  return {
    endpoint,
    apiVersion: apiVersionOf(settings),
    apiKey: apiKey !== undefined ? async () => apiKey : () => resolveSecret("AZURE_OPENAI_API_KEY", { env: settings.env }),
  };
}
