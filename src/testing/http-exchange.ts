import { constants as http2Constants, type Http2ServerResponse } from "node:http2";
import type { ServerResponse } from "node:http";

/** Headers of a response. */
export type ResponseHeaders = Record<string, string>;

/**
 * One response in the making, over HTTP/1.1 or HTTP/2 alike. HTTP/1.1 responses carry
 * `Connection: close` (reusing a connection right after a stream gave sporadic ECONNRESET), except
 * a response that will be cut: undici reads the end of a `Connection: close` response as the end of
 * its body, so the cut would pass for a normal end instead of failing with "terminated".
 */
export class HttpExchange {
  /** The client went away, the response ended, or the server cut it. */
  closed = false;
  /** The stand-in ended the response (Node's HTTP/2 layer emits "finish" even for a reset stream, so this is tracked here). */
  ended = false;
  /** The server destroyed the connection on purpose (a scripted cut). */
  cutByServer = false;
  private readonly closeWaiters: (() => void)[] = [];

  constructor(
    private readonly response: ServerResponse | Http2ServerResponse,
    private readonly http1: boolean,
  ) {
    response.on("close", () => {
      this.closed = true;
      for (const wake of this.closeWaiters.splice(0)) wake();
    });
  }

  /** Send the status line and headers; `willCut` leaves out `Connection: close`. */
  start(status: number, headers: ResponseHeaders, willCut = false): void {
    const all = this.http1 && !willCut ? { ...headers, connection: "close" } : headers;
    this.response.writeHead(status, all);
  }

  /** Send a whole response. */
  send(status: number, headers: ResponseHeaders, body: string | Uint8Array): void {
    this.start(status, { ...headers, "content-length": String(Buffer.byteLength(body)) });
    this.ended = true;
    this.response.end(body);
  }

  /** Write part of a streamed body; resolves once it is handed to the network. */
  write(chunk: string | Uint8Array): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      (this.response as ServerResponse).write(chunk, () => resolve());
    });
  }

  /** End a streamed body. */
  end(): void {
    this.ended = true;
    this.response.end();
  }

  /** Destroy the connection (HTTP/1.1) or reset the stream (HTTP/2) mid-response. */
  cut(): void {
    this.cutByServer = true;
    if (this.http1) (this.response as ServerResponse).socket?.destroy();
    else (this.response as Http2ServerResponse).stream.close(http2Constants.NGHTTP2_INTERNAL_ERROR);
  }

  /** Drop the connection before answering: a TCP reset or a plain close (HTTP/1.1), the whole session (HTTP/2). */
  drop(how: "reset" | "close"): void {
    this.cutByServer = true;
    if (!this.http1) (this.response as Http2ServerResponse).stream.session?.destroy();
    else if (how === "reset") (this.response as ServerResponse).socket?.resetAndDestroy();
    else (this.response as ServerResponse).socket?.destroy();
  }

  /** Resolves when the response closes (e.g. the client goes away). */
  untilClosed(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  /** Resolves after `ms`, or earlier when the response closes. */
  async pause(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), this.untilClosed()]);
    clearTimeout(timer);
  }
}
