import { causeChain, field } from "./retry";
import { unreadableAnswer, UnreadableAnswerError } from "./unreadable-answer";

/** Messages of the SDKs' decoders for an answer they could not read (JSON, AWS event stream). */
const UNDECODABLE = /checksum|unexpected token|unexpected end of (JSON|data)|invalid JSON|is not valid JSON|truncated event message|no message found in Bedrock response/i;

/** The first line of an error's message (of any object with a string `message`, from any realm). */
export function messageOf(error: unknown): string {
  const message = field(error, "message");
  return typeof message === "string" ? message.split("\n")[0] ?? "" : String(error);
}

/** What an unreadable answer was, for the error message, and the status it came with. */
export interface UnreadableAnswer {
  description: string;
  status?: number;
}

/**
 * What an unreadable answer was, when a failure is one: the {@link UnreadableAnswerError} of the
 * providers' HTTP layer, or an SDK's decoding failure (what arrived is described from the AWS
 * error's `$response` when it is there). Undefined for any other failure.
 */
export function unreadableAnswerOf(error: unknown): UnreadableAnswer | undefined {
  for (const current of causeChain(error)) {
    if (current instanceof UnreadableAnswerError) return { description: current.message, status: current.status };
  }
  if (field(error, "name") !== "SyntaxError" && !UNDECODABLE.test(messageOf(error))) return undefined;
  const response = field(error, "$response");
  const status = field(response, "statusCode");
  if (typeof status !== "number") return { description: `the answer could not be read (${messageOf(error)})` };
  const body = field(response, "body");
  const contentType = field(field(response, "headers"), "content-type");
  const arrived = { status, contentType: typeof contentType === "string" ? contentType : undefined, body: body instanceof Uint8Array ? body : undefined };
  return { description: unreadableAnswer(arrived, messageOf(error)).message, status };
}

/**
 * Replaces the `$response` of each AWS error down the chain (the raw HTTP response, whose socket
 * leads to the signed request's headers: the access key id and the session token) with its status
 * and headers, in place; the descriptor (hidden or not) is kept.
 *
 * @returns the same error.
 */
export function detachResponses<T>(error: T): T {
  for (const current of causeChain(error)) {
    if (typeof current !== "object" || current === null) continue;
    const descriptor = Object.getOwnPropertyDescriptor(current, "$response");
    const response: unknown = descriptor?.value;
    if (descriptor?.configurable !== true || typeof response !== "object" || response === null) continue;
    const headers = field(response, "headers");
    const view = { statusCode: field(response, "statusCode"), headers: typeof headers === "object" && headers !== null ? { ...headers } : {} };
    Object.defineProperty(current, "$response", { ...descriptor, value: view });
  }
  return error;
}
