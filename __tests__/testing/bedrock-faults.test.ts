import {
  AccessDeniedException,
  type BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
} from "@aws-sdk/client-bedrock-runtime";
import { startBedrockStandIn } from "../../src/testing";
import { useBedrockStandIn } from "../helpers/stand-ins";
import { bedrockClient, chatBedrock } from "./sdk-clients";

const server = useBedrockStandIn();

const SONNET = "anthropic.claude-3-5-sonnet-20241022-v2:0";
const converse = (text = "hi") => new ConverseCommand({ modelId: SONNET, messages: [{ role: "user", content: [{ text }] }] });

/** `client`, made to send each request without the Authorization header its signer added. */
function withoutAuthorization(client: BedrockRuntimeClient): BedrockRuntimeClient {
  client.middlewareStack.add(
    (next) => (args) => {
      delete (args.request as { headers: Record<string, string> }).headers.authorization;
      return next(args);
    },
    { step: "deserialize" },
  );
  return client;
}

/** Collects streamed text until the stream ends or fails; returns the text and the error. */
async function streamText(prompt = "hi"): Promise<{ text: string; error: unknown }> {
  let text = "";
  try {
    for await (const chunk of await chatBedrock(server).stream(prompt)) text += String(chunk.content);
    return { text, error: undefined };
  } catch (error) {
    return { text, error };
  }
}

describe("Bedrock stand-in: errors surface as the AWS SDK's own exceptions", () => {
  it.each([
    [429, "ThrottlingException", ThrottlingException, "Too many requests, please wait before trying again."],
    [400, "ValidationException", ValidationException, "The request is invalid."],
    [403, "AccessDeniedException", AccessDeniedException, "You don't have access to the model with the specified model ID."],
    [503, "ServiceUnavailableException", ServiceUnavailableException, "The service is temporarily unable to handle the request. Try again later."],
  ])("answers a scripted %i as the SDK's %s", async (status, _name, ExceptionClass, message) => {
    server.reply({ error: { status } });
    const error = await chatBedrock(server).invoke("hi").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExceptionClass);
    expect(error).toMatchObject({ message, $metadata: { httpStatusCode: status, attempts: 1 } });
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    [401, "UnrecognizedClientException"],
    [404, "ResourceNotFoundException"],
    [408, "ModelTimeoutException"],
    [424, "ModelErrorException"],
    [500, "InternalServerException"],
    [502, "InternalServerException"],
    [409, "ValidationException"],
  ])("names a scripted %i %s", async (status, name) => {
    server.reply({ error: { status } });
    const error = await bedrockClient(server).send(converse()).catch((e: unknown) => e);
    expect(error).toMatchObject({ name, $metadata: { httpStatusCode: status } });
  });

  it("sends a scripted type, message and retry headers", async () => {
    server.reply({ error: { status: 429, type: "ThrottlingException", message: "Slow down.", retryAfterSeconds: 3, retryAfterMs: 2500 } });
    const error = await bedrockClient(server).send(converse()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottlingException);
    expect((error as Error).message).toBe("Slow down.");
    const { headers } = (error as { $response: { headers: Record<string, string> } }).$response;
    expect(headers["retry-after"]).toBe("3");
    expect(headers["retry-after-ms"]).toBe("2500");
  });

  it("answers a request without a SigV4 Authorization with 403 MissingAuthenticationTokenException, unless requireAuth is false", async () => {
    const unsigned = withoutAuthorization(bedrockClient(server));
    const error = await unsigned.send(converse()).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "MissingAuthenticationTokenException", message: "Missing Authentication Token", $metadata: { httpStatusCode: 403 } });
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    const open = await startBedrockStandIn({ requireAuth: false });
    try {
      const openClient = withoutAuthorization(bedrockClient(open));
      const response = await openClient.send(converse("hello"));
      expect(response.output?.message?.content).toEqual([{ text: "Stand-in reply to: hello" }]);
    } finally {
      await open.close();
    }
  });

  it("answers 404 UnknownOperationException for operations it does not serve, and 400 when the first message is not the user's", async () => {
    const invoke = await bedrockClient(server).send(new InvokeModelCommand({ modelId: SONNET, body: new TextEncoder().encode("{}") })).catch((e: unknown) => e);
    expect(invoke).toMatchObject({ name: "UnknownOperationException", $metadata: { httpStatusCode: 404 } });
    expect((invoke as Error).message).toBe(`The Bedrock stand-in has no operation POST /model/${encodeURIComponent(SONNET)}/invoke.`);
    const assistantFirst = await bedrockClient(server)
      .send(new ConverseCommand({ modelId: SONNET, messages: [{ role: "assistant", content: [{ text: "hi" }] }] }))
      .catch((e: unknown) => e);
    expect(assistantFirst).toBeInstanceOf(ValidationException);
    expect((assistantFirst as Error).message).toBe(
      "A conversation must start with a user message. Try again with a conversation that starts with a user message.",
    );
    expect(server.requests.map((request) => request.operation)).toEqual(["unknown", "converse"]);
  });
});

describe("Bedrock stand-in: stream faults", () => {
  it.each([
    ["modelStreamErrorException", "ModelStreamErrorException"],
    ["throttlingException", "ThrottlingException"],
  ])("sends an in-stream %s event after N chunks", async (type, name) => {
    server.reply({ text: "one two three four", streamException: { type, message: "stream broke", afterChunks: 2 } });
    const { text, error } = await streamText();
    expect(text).toBe("one two ");
    expect(error).toMatchObject({ name, message: "stream broke" });
  });

  it("sends the exception before messageStop when afterChunks exceeds the content", async () => {
    server.reply({ text: "short", streamException: { type: "modelStreamErrorException", afterChunks: 9 } });
    const { text, error } = await streamText();
    expect(text).toBe("short");
    expect(error).toMatchObject({ name: "ModelStreamErrorException", message: "The model stream failed." });
  });

  it("resets the HTTP/2 stream after N chunks", async () => {
    server.reply({ text: "one two three four", cutAfterChunks: 1 });
    const { text, error } = await streamText();
    expect(text).toBe("one ");
    expect(error).toMatchObject({ message: "Stream closed with error code NGHTTP2_INTERNAL_ERROR" });
    expect(server.requests[0]!.aborted).toBe(false);
  });

  it("cuts an HTTP/1.1 stream too", async () => {
    const { NodeHttpHandler } = await import("@smithy/node-http-handler");
    server.reply({ text: "one two three", cutAfterChunks: 2, toolCalls: [{ name: "f", args: { a: 1 } }] });
    const client = bedrockClient(server, { requestHandler: new NodeHttpHandler() });
    const texts: string[] = [];
    const error = await (async () => {
      const response = await client.send(new ConverseStreamCommand({ modelId: SONNET, messages: [{ role: "user", content: [{ text: "hi" }] }] }));
      for await (const event of response.stream ?? []) if (event.contentBlockDelta?.delta?.text !== undefined) texts.push(event.contentBlockDelta.delta.text);
    })().catch((e: unknown) => e);
    expect(texts).toEqual(["one ", "two "]);
    expect(error).toMatchObject({ message: "aborted", code: "ECONNRESET" });
  });

  it("sends a corrupt event-stream message and a malformed Converse body", async () => {
    server.reply({ text: "one two", malformed: true });
    const { error } = await streamText();
    expect((error as Error).message).toMatch(/^The message checksum \(\d+\) did not match the expected value of \d+$/);
    server.reply({ malformed: true });
    const body = await bedrockClient(server).send(converse()).catch((e: unknown) => e);
    expect(body).toMatchObject({ name: "SyntaxError", $metadata: { httpStatusCode: 200 } });
    expect((body as Error).message).toContain("Unexpected end of JSON input");
  });
});

describe("Bedrock stand-in: timing faults", () => {
  it("delays the first byte, and records a hanging call the client abandoned as aborted", async () => {
    server.reply({ text: "late", delayMs: 120 });
    const started = Date.now();
    expect((await chatBedrock(server).invoke("hi")).content).toBe("late");
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    server.reply({ hang: true });
    const error = await bedrockClient(server).send(converse(), { abortSignal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "AbortError" });
    for (let attempt = 0; attempt < 50 && server.requests[1]?.aborted !== true; attempt += 1) await new Promise((r) => setTimeout(r, 10));
    expect(server.requests[1]!.aborted).toBe(true);
  });

  it("drops the connection once the request is read: over HTTP/1.1 a reset (ECONNRESET) or a close (socket hang up), over HTTP/2 the session", async () => {
    const { NodeHttpHandler } = await import("@smithy/node-http-handler");
    const http1 = bedrockClient(server, { requestHandler: new NodeHttpHandler() });
    const failures: unknown[] = [];
    for (const [client, how] of [[http1, "reset"], [http1, "close"], [bedrockClient(server), "close"]] as const) {
      server.reply({ dropConnection: how });
      failures.push(await client.send(converse()).catch((e: unknown) => e));
    }
    // (Under jest the SDK rewraps Node's socket errors, which come from another realm, as "AWS SDK error wrapper for …".)
    expect((failures[0] as Error).message).toMatch(/read ECONNRESET$/);
    expect((failures[1] as Error).message).toMatch(/socket hang up$/);
    expect(failures[2]).toBeInstanceOf(Error);
    expect(server.requests.map((request) => [request.httpVersion, request.aborted])).toEqual([["1.1", false], ["1.1", false], ["2.0", false]]);
    expect((await bedrockClient(server).send(converse("again"))).output?.message?.content).toEqual([{ text: "Stand-in reply to: again" }]);
  });

  it("drops a hanging connection when the server closes", async () => {
    const closing = await startBedrockStandIn();
    closing.reply({ hang: true });
    const pending = bedrockClient(closing).send(converse()).catch((e: unknown) => e);
    while (closing.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await closing.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});
