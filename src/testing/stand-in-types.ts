/** Options of {@link startOpenAIStandIn} and {@link startBedrockStandIn}. */
export interface StandInOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /**
   * OpenAI: when set, a request without `Authorization: Bearer <apiKey>` gets 401 in OpenAI's error
   * shape; on the Azure route, one without the `api-key: <apiKey>` header (or the Entra ID token) gets Azure's 401.
   */
  apiKey?: string;
  /** Azure route: a bearer token accepted in place of the `api-key` header (Microsoft Entra ID). */
  azureADToken?: string;
  /**
   * Azure route: deployment name → the model it serves (`{ "my-gpt4o": "gpt-4o" }`); a deployment not
   * listed gets 404 `DeploymentNotFound`. Default: every deployment serves the model it is named after.
   */
  azureDeployments?: Record<string, string>;
  /** Bedrock: default `true`; a request without a SigV4 (or Bearer) `Authorization` header gets 403 in AWS's shape. */
  requireAuth?: boolean;
  /** Bedrock: the bare model ids CountTokens accepts; default {@link DEFAULT_COUNT_TOKENS_MODELS}. */
  countTokensModels?: string[];
}

/** Token counts a script can force, in the provider's OWN wire semantics (each field overrides the computed one). */
export interface ScriptedUsage {
  /** OpenAI `prompt_tokens` (INCLUDES cached tokens); Bedrock `inputTokens` (EXCLUDES cache reads and writes). */
  inputTokens?: number;
  /** OpenAI `completion_tokens` (includes reasoning); Bedrock `outputTokens`. */
  outputTokens?: number;
  /** OpenAI `prompt_tokens_details.cached_tokens`; Bedrock `cacheReadInputTokens`. */
  cacheReadTokens?: number;
  /** Bedrock `cacheWriteInputTokens` (ignored by the OpenAI stand-in). */
  cacheWriteTokens?: number;
  /** OpenAI `completion_tokens_details.reasoning_tokens` (ignored by the Bedrock stand-in). */
  reasoningTokens?: number;
  /**
   * Bedrock `usage.cacheDetails`: the cache writes by TTL, sent sorted 1h first as Bedrock does
   * (`cacheWriteInputTokens` defaults to their sum). Ignored by the OpenAI stand-in.
   */
  cacheDetails?: ScriptedCacheDetail[];
}

/** One entry of Bedrock's `usage.cacheDetails`. */
export interface ScriptedCacheDetail {
  ttl: "5m" | "1h";
  inputTokens: number;
}

/** One tool call a script asks the model to make. */
export interface ScriptedToolCall {
  name: string;
  args: Record<string, unknown>;
  /** Default: `call_standin_<n>` (OpenAI) / `tooluse_standin_<n>` (Bedrock). */
  id?: string;
}

/** An HTTP error a script asks for. */
export interface ScriptedError {
  status: number;
  /** OpenAI `error.type`, or the AWS `x-amzn-errortype` (e.g. "ThrottlingException"); default by status. */
  type?: string;
  /** OpenAI `error.code` (e.g. "rate_limit_exceeded", or null); default by status. Ignored by Bedrock. */
  code?: string | null;
  /** OpenAI `error.param` (the request field at fault, e.g. "response_format"); default null. Ignored by Bedrock. */
  param?: string | null;
  /** Default: the provider's usual message for the status. */
  message?: string;
  /** Sent as the `retry-after` header. */
  retryAfterSeconds?: number;
  /** Sent as the `retry-after-ms` header. */
  retryAfterMs?: number;
}

/** An exception event sent in the middle of a stream. */
export interface ScriptedStreamException {
  /** Bedrock event name ("modelStreamErrorException", "throttlingException", …); OpenAI `error.type`. */
  type: "modelStreamErrorException" | "throttlingException" | (string & {});
  message?: string;
  /** Content chunks sent before the exception; default 0. */
  afterChunks?: number;
}

/** The answer to the next request(s); every field is optional. */
export interface ScriptedReply {
  /** The assistant text; default: see `defaultReplyText`, or a schema-conforming value for structured output. */
  text?: string;
  /** OpenAI: the model id answered; default: the dated snapshot of the requested id (see `answeredModel`). */
  model?: string;
  /**
   * The service tier answered. OpenAI: `service_tier` on the body and on every stream chunk; default:
   * the requested tier, "default" for `auto` or none. Bedrock: `serviceTier: { type }` on the Converse
   * response and the stream's `metadata` event; default: the requested tier, none when none was requested.
   */
  serviceTier?: string;
  /** Overrides the computed counts field by field. */
  usage?: ScriptedUsage;
  /**
   * The tool calls to answer. Left out, tools bound to the request are called by the stand-ins'
   * policy (docs/testing-agents.md); `[]` asks for a text answer instead.
   */
  toolCalls?: ScriptedToolCall[];
  /** OpenAI `finish_reason` / Bedrock `stopReason`; default "stop"/"tool_calls", "end_turn"/"tool_use". */
  stopReason?: string;
  error?: ScriptedError;
  /** Wait this long before the first byte. */
  delayMs?: number;
  /** Never answer (until the client goes away or the server closes). */
  hang?: boolean;
  /**
   * Drop the connection once the request is read, before any byte of the answer, as a stale
   * keep-alive socket does: `"reset"` sends a TCP reset (the client sees ECONNRESET), `"close"`
   * closes it (Node's HTTP client: "socket hang up"). Over HTTP/2 both end the session.
   */
  dropConnection?: "reset" | "close";
  /**
   * Answer `200` with a body that is not the API's, as a proxy or captive portal does: `true` for
   * an HTML sign-in page, or the content type and body to send (e.g. garbage labelled
   * `application/vnd.amazon.eventstream`). Applies to streamed and non-streamed requests alike.
   */
  notTheApi?: boolean | { contentType?: string; body?: string | Uint8Array };
  /** Streaming: destroy the connection after this many content chunks. */
  cutAfterChunks?: number;
  /** Streaming: after this many content chunks, send nothing more until the client goes away (a stalled stream). */
  stallAfterChunks?: number;
  /** A body that is not valid JSON, or a corrupt stream. */
  malformed?: boolean;
  /** Bedrock: an in-stream exception event; OpenAI: an SSE `error` payload. */
  streamException?: ScriptedStreamException;
  /**
   * The usage block as sent, in place of the counts: "absent" leaves the field out, "empty" sends
   * `{}`, "null" sends `null` (OpenAI: the completion body and the stream's usage chunk, which
   * "absent" leaves out; Bedrock: the Converse body and the stream's `metadata` event).
   */
  usageBlock?: "absent" | "empty" | "null";
  /** OpenAI streaming: leave out the opening delta that names the role, as several OpenAI-compatible servers do. */
  omitRoleDelta?: boolean;
  /** `/v1/embeddings`: the vectors to return (one per input). */
  embeddings?: number[][];
  /** Answer this many requests with this reply; default 1. */
  times?: number;
}

/** One request as the stand-in received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** "chat.completions" | "embeddings" | "converse" | "converse-stream" | "count-tokens" | "unknown". */
  operation: string;
  /** Decoded from the Bedrock path, the Azure deployment of the path, or the OpenAI body's `model`. */
  modelId?: string;
  /** The query string's parameters (Azure's `api-version`); absent when there is none. */
  query?: Record<string, string>;
  /** The parsed JSON body (the raw text when it is not JSON; undefined when empty). */
  body: unknown;
  /** Lower-case header names; credentials shown as "***"; HTTP/2 pseudo-headers left out. */
  headers: Record<string, string>;
  /** "1.1" or "2.0" (the AWS SDK's default client speaks HTTP/2). */
  httpVersion?: string;
  /** True when the client went away (or the stand-in closed) before the response ended; false for a scripted cut. */
  aborted: boolean;
}

/** A running stand-in server. */
export interface StandIn {
  /** `http://<host>:<port>` (OpenAI clients need `url + "/v1"`). */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /**
   * Queue the answer to the next request of any operation (or the next `times` requests). Requests
   * refused before any model work (401/403, unknown route or model, invalid body) do not use it.
   */
  reply(script: ScriptedReply): void;
  /** Clear the queue of replies and the recorded requests. */
  reset(): void;
  /** Stop listening and drop every open connection. */
  close(): Promise<void>;
}
