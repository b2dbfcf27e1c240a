import { EventStreamCodec } from "@smithy/eventstream-codec";
import { ProviderError } from "../../src/errors";
import type { ScriptedReply } from "../../src/testing/stand-in-types";
import { drain, failureOf, QUESTION } from "./support/outcomes";
import { PROVIDER_KINDS, useRig, type ProviderKind, type Rig } from "./support/rigs";

/** A proxy's or captive portal's page, as the stand-in sends it for `notTheApi: true`. */
const PAGE_START = '"<!DOCTYPE html>\\n<html><head><title>Sign in to continue</title>';

/** One valid AWS event-stream message whose prelude checksum is then broken. */
function badPreludeChecksumFrame(): Uint8Array {
  const codec = new EventStreamCodec((bytes) => Buffer.from(bytes).toString("utf8"), (text) => Buffer.from(text, "utf8"));
  const frame = codec.encode({
    headers: { ":event-type": { type: "string", value: "messageStart" }, ":message-type": { type: "string", value: "event" } },
    body: Buffer.from(JSON.stringify({ role: "assistant" })),
  });
  frame[8] = (frame[8] ?? 0) ^ 0xff;
  return frame;
}

/** What each kind's event stream is when it is garbage with the right content type. */
const GARBAGE_STREAM: Record<ProviderKind, { contentType: string; body: string }> = {
  openai: { contentType: "text/event-stream", body: "this is not\n\nan event stream\n\n" },
  bedrock: { contentType: "application/vnd.amazon.eventstream", body: "this is not an event stream" },
};

/** The call ends in a ProviderError "malformed" with status 200, not retried (maxRetries 2), after one request. */
async function malformedFailure(rig: Rig, reply: ScriptedReply, streaming: boolean): Promise<ProviderError> {
  rig.server.reply({ ...reply, times: 3 });
  const provider = rig.provider({ maxRetries: 2 });
  const error = streaming ? (await drain(provider.stream({ messages: QUESTION }))).error : await failureOf(() => provider.complete({ messages: QUESTION }));
  expect(error).toBeInstanceOf(ProviderError);
  expect(error).toMatchObject({ provider: rig.kind, reason: "malformed", retryable: false });
  expect(rig.server.requests).toHaveLength(1);
  return error as ProviderError;
}

describe.each(PROVIDER_KINDS)("%s: an answer that is not the API's is never a success", (kind) => {
  const rig = useRig(kind);

  it.each([
    ["complete()", false],
    ["stream()", true],
  ])("%s answered 200 text/html: reason \"malformed\", the message saying what arrived", async (_name, streaming) => {
    const error = await malformedFailure(rig, { notTheApi: true }, streaming);
    expect(error.status).toBe(200);
    expect(error.message).toContain("the answer is not the API's: HTTP 200 text/html; charset=utf-8, body ");
    expect(error.message).toContain(PAGE_START);
  });

  it("a JSON body that does not parse: reason \"malformed\", with its status, content type and first bytes", async () => {
    const error = await malformedFailure(rig, { malformed: true }, false);
    expect(error.status).toBe(200);
    expect(error.message).toContain("HTTP 200 application/json, body \"{\\\"");
    expect(error.message).toContain("Unexpected end of JSON input");
  });

  it("a garbage event stream with the right content type: reason \"malformed\"", async () => {
    const error = await malformedFailure(rig, { notTheApi: GARBAGE_STREAM[kind] }, true);
    if (kind === "bedrock") expect(error.message).toContain(`HTTP 200 application/vnd.amazon.eventstream, body "this is not an event stream" (not an AWS event-stream message)`);
    else expect(error.message).toContain("its event stream ended without a single event");
  });

  it("the page's copy of the API key or an AWS key is removed from the message", async () => {
    const secret = kind === "openai" ? "sk-reliability" : "reliability-test-secret";
    rig.provider();
    const error = await malformedFailure(rig, { notTheApi: { body: `<html>Your key ${secret} is not allowed here.</html>` } }, false);
    expect(error.message).toContain('body "<html>Your key *** is not allowed here.</html>"');
    expect(error.message).not.toContain(secret);
  });
});

describe("bedrock: event-stream messages with a bad checksum", () => {
  const rig = useRig("bedrock");

  it("as the first message: reason \"malformed\", the message naming the checksum", async () => {
    const error = await malformedFailure(rig, { notTheApi: { contentType: "application/vnd.amazon.eventstream", body: badPreludeChecksumFrame() } }, true);
    expect(error.message).toContain("HTTP 200 application/vnd.amazon.eventstream, body ");
    expect(error.message).toMatch(/its first event-stream message does not decode: The prelude checksum specified in the message \(\d+\) does not match the calculated CRC32 checksum/);
  });

  it.each([
    ["an empty event stream", new Uint8Array(), "body empty (not an AWS event-stream message)"],
    ["a first message cut short", badPreludeChecksumFrame().subarray(0, 20), "does not decode: Reported message length does not match received message length"],
  ])("%s: reason \"malformed\"", async (_case, body, problem) => {
    const error = await malformedFailure(rig, { notTheApi: { contentType: "application/vnd.amazon.eventstream", body } }, true);
    expect(error.message).toContain(problem);
  });

  it("after a good first message: reason \"malformed\", naming the checksum the decoder rejected", async () => {
    rig.server.reply({ text: "one two three four", malformed: true });
    const provider = rig.provider();
    const { text, error } = await drain(provider.stream({ messages: QUESTION }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ reason: "malformed", retryable: false });
    expect((error as ProviderError).message).toMatch(/the answer could not be read \(The message checksum \(\d+\) did not match the expected value of \d+\)/);
    expect(text).toBe("");
  });
});
