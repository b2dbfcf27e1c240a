import { answerCheckingFetch } from "../openai/openai-fetch";

/**
 * What the SDK clients are given as the API key: `azureFetch` puts the key resolved at the request
 * in its place, so that no object of the package (nor LangChain's serialized model) holds the key.
 */
export const API_KEY_AT_REQUEST = "api-key-resolved-at-each-request";

/**
 * The `fetch` of the package's Azure OpenAI clients: the `api-key` header set from `apiKey()` at
 * each request (the secret resolved at the first one), then the OpenAI answer checks
 * (`answerCheckingFetch`). With Entra ID (`apiKey` undefined) the SDK's bearer token is sent as it is.
 */
export function azureFetch(apiKey: (() => Promise<string>) | undefined): typeof fetch {
  if (apiKey === undefined) return answerCheckingFetch;
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set("api-key", await apiKey());
    return answerCheckingFetch(input, { ...init, headers });
  };
}
