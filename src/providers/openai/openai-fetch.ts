import { mediaType, unreadableAnswer } from "../unreadable-answer";

/** How much of an unexpected body is read to say what it was. */
const SAMPLE_BYTES = 512;

/** The first bytes of a body; the rest is not read (the body is cancelled). */
async function firstBytes(response: Response): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array();
  const parts: Uint8Array[] = [];
  let length = 0;
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    parts.push(part.value);
    length += part.value.length;
    if (length >= SAMPLE_BYTES) break;
  }
  void reader.cancel().catch(() => undefined);
  return Buffer.concat(parts);
}

/** A JSON answer whose `json()` says what arrived when the body is not JSON (the openai SDK reads it with `json()`). */
function withReadableJson(response: Response): Response {
  const arrived = { status: response.status, contentType: response.headers.get("content-type") ?? undefined };
  Object.defineProperty(response, "json", {
    value: async (): Promise<unknown> => {
      const text = await response.text();
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw unreadableAnswer({ ...arrived, body: text }, `not JSON: ${(error as Error).message}`);
      }
    },
  });
  return response;
}

/**
 * The `fetch` of the package's OpenAI clients: a successful answer that is not the API's — an
 * HTML page from a proxy or captive portal, a JSON body that does not parse — fails with an
 * `UnreadableAnswerError` saying what arrived (status, content type, first bytes), instead of
 * passing for an empty completion or stream. Error statuses are left to the openai SDK.
 */
export async function answerCheckingFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  if (!response.ok) return response;
  const contentType = response.headers.get("content-type") ?? undefined;
  const type = mediaType(contentType);
  if (type === "application/json") return withReadableJson(response);
  if (type === "text/event-stream") return response;
  throw unreadableAnswer({ status: response.status, contentType, body: await firstBytes(response) }, "expected application/json or text/event-stream");
}
