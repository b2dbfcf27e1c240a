import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { createDualProtocolServer } from "./dual-protocol-server";
import { HttpExchange } from "./http-exchange";
import { ReplyQueue } from "./scripted-replies";
import type { RecordedRequest, ScriptedError, ScriptedReply, StandIn, StandInOptions } from "./stand-in-types";

/** A request as a provider's handler sees it: raw headers (unmasked) and the parsed body. */
export interface IncomingCall {
  method: string;
  /** The path without the query string, still URL-encoded. */
  path: string;
  /** The query string's parameters. */
  query: URLSearchParams;
  headers: Record<string, string>;
  /** The JSON body; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  /** Whether a non-empty body failed to parse as JSON. */
  bodyIsInvalidJson: boolean;
}

/**
 * What a provider plugs into the shared server. Every request goes the same way: `check` it (an
 * invalid one gets its error and uses no scripted reply), take the next scripted reply, apply its
 * faults before the first byte (see {@link awaitFirstByte}), its scripted error or foreign body
 * (`notTheApi`), then `answer`.
 */
export interface StandInProvider<Request> {
  /** The operation name and model id recorded for a request. */
  describe(call: IncomingCall): { operation: string; modelId?: string };
  /** The valid request to answer, or the error the vendor would send before any model work. */
  check(call: IncomingCall): Request | { error: ScriptedError } | Promise<Request | { error: ScriptedError }>;
  /** Sends an error in the vendor's shape. */
  sendError(exchange: HttpExchange, error: ScriptedError): void;
  /** Answers a valid request with a scripted reply; `receivedAt` is when its body had been read (ms since the epoch). */
  answer(request: Request, script: ScriptedReply, exchange: HttpExchange, receivedAt: number): void | Promise<void>;
}

/** Header names whose values are credentials, recorded as "***". */
const CREDENTIAL_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "x-api-key",
  "api-key",
  "x-amz-security-token",
  "cookie",
]);

function readHeaders(request: IncomingMessage | Http2ServerRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.startsWith(":") || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function maskCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, CREDENTIAL_HEADERS.has(name) ? "***" : value]),
  );
}

async function readBody(request: IncomingMessage | Http2ServerRequest): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(text: string): { body: unknown; bodyIsInvalidJson: boolean } {
  if (text.length === 0) return { body: undefined, bodyIsInvalidJson: false };
  try {
    return { body: JSON.parse(text) as unknown, bodyIsInvalidJson: false };
  } catch {
    return { body: text, bodyIsInvalidJson: true };
  }
}

/**
 * Applies a script's faults before the first byte: `hang` waits until the client goes away,
 * `delayMs` waits that long, `dropConnection` then drops the connection. Returns whether the
 * response should still be sent.
 */
async function awaitFirstByte(script: ScriptedReply, exchange: HttpExchange): Promise<boolean> {
  if (script.hang === true) {
    await exchange.untilClosed();
    return false;
  }
  if (script.delayMs !== undefined && script.delayMs > 0) await exchange.pause(script.delayMs);
  if (script.dropConnection !== undefined && !exchange.closed) exchange.drop(script.dropConnection);
  return !exchange.closed && !exchange.cutByServer;
}

/** The page a captive portal or a proxy answers with instead of the API. */
const SIGN_IN_PAGE =
  "<!DOCTYPE html>\n<html><head><title>Sign in to continue</title></head>" +
  "<body><h1>Network sign-in required</h1><p>Sign in to use this network.</p></body></html>\n";

/** Answers 200 with a body that is not the API's (see `ScriptedReply.notTheApi`). */
function sendNotTheApi(exchange: HttpExchange, fault: NonNullable<ScriptedReply["notTheApi"]>): void {
  const { contentType = "text/html; charset=utf-8", body = SIGN_IN_PAGE } = typeof fault === "object" ? fault : {};
  exchange.send(200, { "content-type": contentType }, body);
}

/**
 * Starts a stand-in on `host:port` speaking HTTP/2 (h2c, as the AWS SDK's default handler does) and
 * HTTP/1.1 on one port ({@link createDualProtocolServer}). Records every request, then lets the provider answer it.
 */
export async function startStandIn<Request extends object>(options: StandInOptions, provider: StandInProvider<Request>): Promise<StandIn> {
  const requests: RecordedRequest[] = [];
  const replies = new ReplyQueue();
  const sockets = new Set<Socket>();

  const onRequest = async (
    request: IncomingMessage | Http2ServerRequest,
    response: ServerResponse | Http2ServerResponse,
  ): Promise<void> => {
    const exchange = new HttpExchange(response, request.httpVersionMajor === 1);
    const { body, bodyIsInvalidJson } = parseBody(await readBody(request));
    const [path = "/", query = ""] = (request.url ?? "/").split("?");
    const call: IncomingCall = {
      method: request.method ?? "GET",
      path,
      query: new URLSearchParams(query),
      headers: readHeaders(request),
      body,
      bodyIsInvalidJson,
    };
    const record: RecordedRequest = {
      method: call.method,
      path: call.path,
      ...provider.describe(call),
      ...(call.query.size > 0 ? { query: Object.fromEntries(call.query) } : {}),
      body,
      headers: maskCredentials(call.headers),
      httpVersion: request.httpVersion,
      aborted: false,
    };
    requests.push(record);
    response.on("close", () => {
      if (!exchange.ended && !exchange.cutByServer) record.aborted = true;
    });
    const receivedAt = Date.now();
    const checked = await provider.check(call);
    if (isError(checked)) return provider.sendError(exchange, checked.error);
    const script = replies.take();
    if (!(await awaitFirstByte(script, exchange))) return;
    if (script.error !== undefined) return provider.sendError(exchange, script.error);
    if (script.notTheApi !== undefined && script.notTheApi !== false) return sendNotTheApi(exchange, script.notTheApi);
    await provider.answer(checked, script, exchange, receivedAt);
  };

  const server = createDualProtocolServer((request, response) => {
    onRequest(request, response).catch(() => response.destroy());
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;

  return {
    url: `http://${host}:${port}`,
    requests,
    reply: (script) => replies.push(script),
    reset: () => {
      replies.clear();
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function isError(checked: object): checked is { error: ScriptedError } {
  return "error" in checked;
}

/** The `retry-after` / `retry-after-ms` headers a scripted error asks for (both vendors send the same). */
export function retryAfterHeaders(error: ScriptedError): Record<string, string> {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers["retry-after"] = String(error.retryAfterSeconds);
  if (error.retryAfterMs !== undefined) headers["retry-after-ms"] = String(error.retryAfterMs);
  return headers;
}
