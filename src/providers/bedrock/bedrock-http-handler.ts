import type { Readable } from "node:stream";
import { EventStreamCodec } from "@smithy/eventstream-codec";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { mediaType, unreadableAnswer, type ArrivedAnswer } from "../unreadable-answer";

type HttpRequest = Parameters<NodeHttpHandler["handle"]>[0];
type HandlerOptions = Parameters<NodeHttpHandler["handle"]>[1];
type HttpResponse = Awaited<ReturnType<NodeHttpHandler["handle"]>>["response"];

const EVENT_STREAM = "application/vnd.amazon.eventstream";
const JSON_TYPE = "application/json";
/** An event-stream message is at least its prelude (12 bytes) and its checksum (4 bytes). */
const MIN_MESSAGE_BYTES = 16;
/** Bedrock's events are small; a first "message" longer than this is something else (an HTML page reads as ~1 GB). */
const MAX_FIRST_MESSAGE_BYTES = 16 * 1024 * 1024;

const codec = new EventStreamCodec(
  (bytes) => Buffer.from(bytes).toString("utf8"),
  (text) => Buffer.from(text, "utf8"),
);

/** A whole (small) body, read into bytes. */
async function readAll(body: Readable): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  for await (const part of body) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

/**
 * The first `count` bytes of a stream (fewer if it ends first), put back so that the stream reads
 * as before.
 */
function peek(body: Readable, count: number): Promise<Buffer> {
  if (body.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    const finish = (error?: Error): void => {
      body.off("readable", onReadable).off("end", onEnd).off("error", finish).off("close", onClose);
      if (error !== undefined) return reject(error);
      if (!body.readableEnded && head.length > 0) body.unshift(head);
      resolve(head);
    };
    const onReadable = (): void => {
      for (let part = body.read() as Buffer | null; part !== null; part = body.read() as Buffer | null) head = Buffer.concat([head, part]);
      if (head.length >= count) finish();
    };
    const onEnd = (): void => finish();
    const onClose = (): void => finish(new Error("the connection closed before the event stream's first message arrived"));
    body.on("readable", onReadable).once("end", onEnd).once("error", finish).once("close", onClose);
  });
}

/** Throws what arrived when the first message of an event stream does not decode (an HTML page, garbage, a bad checksum). */
async function checkFirstEvent(body: Readable, arrived: ArrivedAnswer): Promise<void> {
  let head = await peek(body, 4);
  const length = head.length >= 4 ? head.readUInt32BE(0) : 0;
  let problem: string | undefined;
  if (length < MIN_MESSAGE_BYTES || length > MAX_FIRST_MESSAGE_BYTES) problem = "not an AWS event-stream message";
  else {
    head = await peek(body, length);
    try {
      codec.decode(head.subarray(0, length));
    } catch (error) {
      problem = `its first event-stream message does not decode: ${(error as Error).message}`;
    }
  }
  if (problem === undefined) return;
  body.destroy();
  throw unreadableAnswer({ ...arrived, body: head }, problem);
}

/**
 * Checks a successful answer is the API's before the SDK reads it: an event stream whose first
 * message decodes for ConverseStream, JSON for the other operations; anything else (a proxy's
 * HTML page, garbage) is an `UnreadableAnswerError` saying what arrived. Non-stream bodies, which
 * are small, are read into bytes here, as the SDK would: an error's `$response.body` is then those
 * bytes rather than the socket, which leads to the signed request's headers.
 */
async function checkAnswer(request: HttpRequest, response: HttpResponse): Promise<void> {
  const ok = response.statusCode >= 200 && response.statusCode < 300;
  const contentType = response.headers["content-type"];
  const type = mediaType(contentType);
  const arrived = { status: response.statusCode, contentType };
  const stream = request.path.endsWith("/converse-stream");
  if (ok && stream && type === EVENT_STREAM) return checkFirstEvent(response.body as Readable, arrived);
  response.body = await readAll(response.body as Readable);
  const expected = stream ? EVENT_STREAM : JSON_TYPE;
  if (ok && type !== expected) throw unreadableAnswer({ ...arrived, body: response.body as Uint8Array }, `expected ${expected}`);
}

/**
 * The HTTP/1.1 keep-alive handler of the Bedrock clients this package builds: `NodeHttpHandler`,
 * with every answer checked by {@link checkAnswer} before the SDK deserializes it.
 */
export class BedrockHttpHandler extends NodeHttpHandler {
  override async handle(request: HttpRequest, options?: HandlerOptions): Promise<{ response: HttpResponse }> {
    const result = await super.handle(request, options);
    await checkAnswer(request, result.response);
    return result;
  }
}
