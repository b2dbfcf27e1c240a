import { createServer as createHttp1Server, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse } from "node:http2";
import { createServer as createTcpServer, type Server, type Socket } from "node:net";

/** Handles one request, whichever protocol carried it. */
export type RequestHandler = (
  request: IncomingMessage | Http2ServerRequest,
  response: ServerResponse | Http2ServerResponse,
) => void;

/** The first bytes of every HTTP/2 connection ("prior knowledge" h2c, as the AWS SDK sends). */
const HTTP2_PREFACE = Buffer.from("PRI * HTTP/2.0\r\n");

/**
 * A TCP server that serves HTTP/2 without TLS (h2c) and HTTP/1.1 on one port: it reads the first
 * bytes of each connection, puts them back, and hands the socket to an HTTP/2 server when they are
 * the HTTP/2 preface, else to an HTTP/1.1 server. (Node 20's `http2.createServer` ignores
 * `allowHTTP1` without TLS, so a single http2 server cannot do this here.)
 */
export function createDualProtocolServer(handler: RequestHandler): Server {
  const http1 = createHttp1Server(handler);
  const http2 = createHttp2Server(handler);
  return createTcpServer((socket: Socket) => {
    let head = Buffer.alloc(0);
    const sniff = (): void => {
      for (let chunk = socket.read() as Buffer | null; chunk !== null; chunk = socket.read() as Buffer | null) {
        head = Buffer.concat([head, chunk]);
      }
      const prefix = head.subarray(0, HTTP2_PREFACE.length);
      if (head.length < HTTP2_PREFACE.length && HTTP2_PREFACE.subarray(0, head.length).equals(prefix)) return;
      socket.off("readable", sniff);
      socket.unshift(head);
      (prefix.equals(HTTP2_PREFACE) ? http2 : http1).emit("connection", socket);
    };
    socket.on("readable", sniff);
  });
}
