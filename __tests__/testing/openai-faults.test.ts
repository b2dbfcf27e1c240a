import OpenAI from "openai";
import { useOpenAIStandIn } from "../helpers/stand-ins";
import { chatOpenAI, openAIClient } from "./sdk-clients";

const server = useOpenAIStandIn({ apiKey: "sk-right" });

const model = (fields: Parameters<typeof chatOpenAI>[1] = {}) => chatOpenAI(server, { apiKey: "sk-right", ...fields });

/** Resolves when the last recorded request is marked aborted (the close event is asynchronous). */
async function lastRequestAborted(): Promise<boolean> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (server.requests.at(-1)?.aborted === true) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

describe("OpenAI stand-in: errors surface as the openai SDK's own errors", () => {
  it("answers a wrong key with 401 invalid_api_key and a missing key with 401, without using the queue", async () => {
    server.reply({ text: "kept for the next valid request" });
    const wrong = await chatOpenAI(server, { apiKey: "sk-wrong" }).invoke("hi").catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(wrong).toMatchObject({ status: 401, code: "invalid_api_key", type: "invalid_request_error" });
    expect((wrong as Error).message).toContain("Incorrect API key provided.");
    const keyless = new OpenAI({ apiKey: "unused", baseURL: `${server.url}/v1`, maxRetries: 0, defaultHeaders: { authorization: null } });
    const missing = await keyless.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 401, code: null });
    expect((missing as Error).message).toContain("You didn't provide an API key.");
    expect((await model().invoke("hi")).content).toBe("kept for the next valid request");
    expect(server.requests.map((request) => request.headers.authorization)).toEqual(["***", undefined, "***"]);
  });

  it.each([
    [400, OpenAI.BadRequestError, "Invalid request.", "invalid_request_error"],
    [403, OpenAI.PermissionDeniedError, "Country, region, or territory not supported", "invalid_request_error"],
    [404, OpenAI.NotFoundError, "The model does not exist or you do not have access to it.", "invalid_request_error"],
    [500, OpenAI.InternalServerError, "The server had an error while processing your request. Sorry about that!", "server_error"],
    [503, OpenAI.InternalServerError, "The engine is currently overloaded, please try again later.", "server_error"],
    [409, OpenAI.ConflictError, "HTTP 409.", "invalid_request_error"],
    [502, OpenAI.InternalServerError, "HTTP 502.", "server_error"],
  ])("answers a scripted %i in OpenAI's error shape", async (status, ErrorClass, message, type) => {
    server.reply({ error: { status } });
    const error = await model().invoke("hi").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status, type });
    expect((error as Error).message).toContain(message);
  });

  it("answers 429 with retry-after and retry-after-ms, and a scripted type, code and message", async () => {
    server.reply({ error: { status: 429, type: "insufficient_quota", code: "insufficient_quota", message: "You exceeded your current quota.", retryAfterSeconds: 2, retryAfterMs: 1500 } });
    const error = await model().invoke("hi").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, type: "insufficient_quota", code: "insufficient_quota" });
    const { headers } = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(headers.get("retry-after")).toBe("2");
    expect(headers.get("retry-after-ms")).toBe("1500");
    expect((error as Error).message).toContain("You exceeded your current quota.");
  });

  it("answers 404 model_not_found for model ids outside OpenAI's families, and Invalid URL for unknown paths", async () => {
    const error = await model({ model: "unknown-model" }).invoke("hi").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error).toMatchObject({ status: 404, code: "model_not_found" });
    expect((error as Error).message).toContain("The model `unknown-model` does not exist or you do not have access to it.");
    const listing = await openAIClient(server, "sk-right").models.list().catch((e: unknown) => e);
    expect(listing).toMatchObject({ status: 404, message: "404 Invalid URL (GET /v1/models)" });
    expect(server.requests.map((request) => request.operation)).toEqual(["chat.completions", "unknown"]);
  });

  it("answers 400 for a body that is not JSON, has no model or no messages", async () => {
    const client = openAIClient(server, "sk-right");
    const notJson = await client.post("/chat/completions", { body: "{not json" }).catch((e: unknown) => e);
    expect(notJson).toMatchObject({ status: 400 });
    expect((notJson as Error).message).toContain("We could not parse the JSON body of your request.");
    const noModel = await client.post("/chat/completions", { body: { messages: [] } }).catch((e: unknown) => e);
    expect((noModel as Error).message).toBe("400 you must provide a model parameter");
    const noMessages = await client.chat.completions.create({ model: "gpt-4o", messages: [] }).catch((e: unknown) => e);
    expect((noMessages as Error).message).toBe("400 Missing required parameter: 'messages'.");
    expect(server.requests.map((request) => request.body)).toEqual(["{not json", { messages: [] }, { model: "gpt-4o", messages: [] }]);
  });
});

describe("OpenAI stand-in: faults", () => {
  it("repeats a reply `times` times, then falls back to the default reply", async () => {
    server.reply({ text: "again", times: 2 });
    const answers = [];
    for (let call = 0; call < 3; call += 1) answers.push((await model().invoke("Hello")).content);
    expect(answers).toEqual(["again", "again", "Stand-in reply to: Hello"]);
  });

  it("delays the first byte", async () => {
    server.reply({ text: "late", delayMs: 150 });
    const started = Date.now();
    expect((await model().invoke("hi")).content).toBe("late");
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("never answers a hanging request, and records that the client gave up", async () => {
    server.reply({ hang: true });
    const error = await model({ timeout: 150 }).invoke("hi").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
    expect((error as Error).message).toBe("Connection error.");
    expect(await lastRequestAborted()).toBe(true);
  });

  it("drops the connection once the request is read: a reset (ECONNRESET) or a close (undici: other side closed)", async () => {
    const codes: unknown[] = [];
    for (const how of ["reset", "close"] as const) {
      server.reply({ dropConnection: how });
      const error = await openAIClient(server, "sk-right").chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
      codes.push(((error as Error).cause as Error).cause && (((error as Error).cause as Error).cause as { code?: string }).code);
    }
    expect(codes).toEqual(["ECONNRESET", "UND_ERR_SOCKET"]);
    expect(server.requests.map((request) => request.aborted)).toEqual([false, false]);
    expect((await model().invoke("Hello")).content).toBe("Stand-in reply to: Hello");
  });

  it("answers 200 with a sign-in page instead of the API, or with the content type and bytes scripted", async () => {
    const post = () =>
      fetch(`${server.url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: "Bearer sk-right", "content-type": "application/json" },
        body: JSON.stringify({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }], stream: true }),
      });
    server.reply({ notTheApi: true });
    const page = await post();
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toMatch(/^<!DOCTYPE html>\n<html><head><title>Sign in to continue<\/title>/);
    server.reply({ notTheApi: { contentType: "application/octet-stream", body: new Uint8Array([0, 1, 254, 255]) } });
    const bytes = await post();
    expect(bytes.headers.get("content-type")).toBe("application/octet-stream");
    expect([...new Uint8Array(await bytes.arrayBuffer())]).toEqual([0, 1, 254, 255]);
  });

  it("cuts a stream after N content chunks: the client gets those chunks, then `terminated`", async () => {
    server.reply({ text: "one two three four five six", cutAfterChunks: 3 });
    const received: string[] = [];
    const error = await (async () => {
      for await (const chunk of await model().stream("hi")) received.push(String(chunk.content));
    })().catch((e: unknown) => e);
    expect(received.join("")).toBe("one two three");
    expect(error).toMatchObject({ name: "TypeError", message: "terminated" });
    expect(server.requests[0]!.aborted).toBe(false);
  });

  it("sends a malformed JSON body and a malformed SSE event", async () => {
    server.reply({ malformed: true });
    const body = await model().invoke("hi").catch((e: unknown) => e);
    expect((body as Error).message).toBe("SyntaxError: Unexpected end of JSON input");
    server.reply({ text: "one two", malformed: true });
    const stream = await (async () => {
      for await (const chunk of await model({ configuration: { logLevel: "off" } }).stream("hi")) void chunk;
    })().catch((e: unknown) => e);
    expect(stream).toMatchObject({ name: "SyntaxError", message: expect.stringContaining("JSON") });
  });

  it("sends an SSE error payload mid-stream", async () => {
    server.reply({ text: "one two three", streamException: { type: "server_error", message: "The model crashed.", afterChunks: 1 } });
    const received: string[] = [];
    const error = await (async () => {
      for await (const chunk of await model().stream("hi")) received.push(String(chunk.content));
    })().catch((e: unknown) => e);
    expect(received.join("")).toBe("one");
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toContain("The model crashed.");
  });

  it("fires stream faults set beyond the content before the finish chunk, and reset clears queue and requests", async () => {
    server.reply({ text: "short", streamException: { type: "server_error", afterChunks: 5 } });
    const error = await (async () => {
      for await (const chunk of await model().stream("hi")) void chunk;
    })().catch((e: unknown) => e);
    expect((error as Error).message).toContain("The model produced an invalid response.");
    server.reply({ text: "dropped" });
    server.reset();
    expect(server.requests).toEqual([]);
    expect((await model().invoke("Hello")).content).toBe("Stand-in reply to: Hello");
  });
});
