import { redactSecrets } from "../secrets/redact";

/** How many characters of an unexpected body an error message quotes. */
const QUOTED_CHARS = 120;

/** What arrived instead of the API's answer. */
export interface ArrivedAnswer {
  status: number;
  contentType?: string;
  /** The body, or its first bytes. */
  body?: string | Uint8Array;
}

/**
 * A successful HTTP answer that is not the API's: a page from a proxy or captive portal, a body
 * that is not JSON, an event stream that does not decode. Thrown by the providers' HTTP layer
 * (the OpenAI client's `fetch`, the Bedrock client's handler) and turned into a `ProviderError`
 * with reason "malformed" whose message says what arrived.
 */
export class UnreadableAnswerError extends Error {
  constructor(
    message: string,
    /** The HTTP status the answer came with, when known. */
    readonly status?: number,
  ) {
    super(message);
    this.name = "UnreadableAnswerError";
  }
}

/** The media type of a `content-type` header, lower-case, without parameters. */
export function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/**
 * What arrived, for an error message: `HTTP 200 text/html; charset=utf-8, body "<!DOCTYPE html>…"`,
 * the body quoted (JSON-escaped) up to {@link QUOTED_CHARS} characters, secrets removed.
 */
export function describeArrival(arrived: ArrivedAnswer): string {
  const type = arrived.contentType === undefined || arrived.contentType === "" ? "no content-type" : arrived.contentType;
  const text = arrived.body === undefined ? "" : typeof arrived.body === "string" ? arrived.body : Buffer.from(arrived.body).toString("utf8");
  const redacted = redactSecrets(text);
  const quoted = redacted.length > QUOTED_CHARS ? `${JSON.stringify(redacted.slice(0, QUOTED_CHARS))}…` : JSON.stringify(redacted);
  return `HTTP ${arrived.status} ${type}, body ${redacted === "" ? "empty" : quoted}`;
}

/** The error for a successful answer that is not the API's: what arrived, then why it cannot be read. */
export function unreadableAnswer(arrived: ArrivedAnswer, problem: string): UnreadableAnswerError {
  return new UnreadableAnswerError(`the answer is not the API's: ${describeArrival(arrived)} (${problem})`, arrived.status);
}
