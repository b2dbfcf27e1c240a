import type { HttpExchange } from "./http-exchange";
import { retryAfterHeaders } from "./stand-in-server";
import type { ScriptedError } from "./stand-in-types";

/** The `x-amzn-requestid` of every Bedrock stand-in response. */
export const BEDROCK_REQUEST_ID = "00000000-0000-4000-8000-000000000000";

/** The error type and message Bedrock Runtime sends for each status when a script gives only the status. */
const DEFAULTS: Record<number, { type: string; message: string }> = {
  400: { type: "ValidationException", message: "The request is invalid." },
  401: { type: "UnrecognizedClientException", message: "The security token included in the request is invalid." },
  403: { type: "AccessDeniedException", message: "You don't have access to the model with the specified model ID." },
  404: { type: "ResourceNotFoundException", message: "The requested resource could not be found." },
  408: { type: "ModelTimeoutException", message: "The request took too long to process." },
  424: { type: "ModelErrorException", message: "The model returned an error." },
  429: { type: "ThrottlingException", message: "Too many requests, please wait before trying again." },
  500: { type: "InternalServerException", message: "The server encountered an internal error." },
  503: { type: "ServiceUnavailableException", message: "The service is temporarily unable to handle the request. Try again later." },
};

/**
 * Sends an error as Bedrock Runtime does: `x-amzn-errortype: <Type>:http://internal.amazon.com/coral/com.amazon.bedrock/`
 * and `{ "message": … }`, so the AWS SDK raises its own exception class with `$metadata.httpStatusCode`.
 */
export function sendAwsError(exchange: HttpExchange, error: ScriptedError): void {
  const fallback = DEFAULTS[error.status] ?? {
    type: error.status >= 500 ? "InternalServerException" : "ValidationException",
    message: `HTTP ${error.status}.`,
  };
  const type = error.type ?? fallback.type;
  const message = error.message ?? fallback.message;
  const headers = {
    "content-type": "application/json",
    "x-amzn-errortype": `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
    "x-amzn-requestid": BEDROCK_REQUEST_ID,
    ...retryAfterHeaders(error),
  };
  exchange.send(error.status, headers, JSON.stringify({ message }));
}
