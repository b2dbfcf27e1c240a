import type { HttpExchange } from "./http-exchange";
import { retryAfterHeaders } from "./stand-in-server";
import type { ScriptedError } from "./stand-in-types";

/** OpenAI's `error` object. */
export interface OpenAIErrorBody {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/** What OpenAI sends for each status when a script gives only the status. */
const DEFAULTS: Record<number, Omit<OpenAIErrorBody, "param">> = {
  400: { type: "invalid_request_error", code: null, message: "Invalid request." },
  401: {
    type: "invalid_request_error",
    code: "invalid_api_key",
    message: "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
  },
  403: { type: "invalid_request_error", code: "unsupported_country_region_territory", message: "Country, region, or territory not supported" },
  404: { type: "invalid_request_error", code: "model_not_found", message: "The model does not exist or you do not have access to it." },
  429: { type: "requests", code: "rate_limit_exceeded", message: "Rate limit reached for requests." },
  500: { type: "server_error", code: null, message: "The server had an error while processing your request. Sorry about that!" },
  503: { type: "server_error", code: null, message: "The engine is currently overloaded, please try again later." },
};

/** OpenAI's error object for a status, with the script's type, code and message where given. */
function openAIErrorBody(error: ScriptedError): OpenAIErrorBody {
  const fallback = DEFAULTS[error.status] ?? {
    type: error.status >= 500 ? "server_error" : "invalid_request_error",
    code: null,
    message: `HTTP ${error.status}.`,
  };
  return {
    message: error.message ?? fallback.message,
    type: error.type ?? fallback.type,
    param: error.param ?? null,
    code: error.code === undefined ? fallback.code : error.code,
  };
}

/** Sends `{ error: { message, type, param, code } }` with `retry-after` / `retry-after-ms` when scripted. */
export function sendOpenAIError(exchange: HttpExchange, error: ScriptedError): void {
  const headers = { "content-type": "application/json", "x-request-id": "req_standin", ...retryAfterHeaders(error) };
  exchange.send(error.status, headers, JSON.stringify({ error: openAIErrorBody(error) }));
}
