import { answerCheckingFetch } from "../../src/providers/openai/openai-fetch";
import { describeArrival, mediaType, UnreadableAnswerError } from "../../src/providers/unreadable-answer";

describe("describeArrival: what arrived instead of the API's answer", () => {
  it.each([
    ["a page", { status: 200, contentType: "text/html", body: "<p>hi</p>" }, 'HTTP 200 text/html, body "<p>hi</p>"'],
    ["no body and no content type", { status: 204 }, "HTTP 204 no content-type, body empty"],
    ["bytes, control characters escaped", { status: 200, contentType: "", body: new Uint8Array([0x41, 0x0a, 0x42]) }, 'HTTP 200 no content-type, body "A\\nB"'],
    ["a long body, cut at 120 characters", { status: 200, contentType: "text/plain", body: "x".repeat(200) }, `HTTP 200 text/plain, body "${"x".repeat(120)}"…`],
  ])("%s", (_case, arrived, text) => {
    expect(describeArrival(arrived)).toBe(text);
  });

  it("takes the media type of a content-type header", () => {
    expect(mediaType("Application/JSON; charset=utf-8")).toBe("application/json");
    expect(mediaType(null)).toBe("");
  });
});

describe("answerCheckingFetch: the OpenAI clients' fetch", () => {
  const fetchSpy = jest.spyOn(globalThis, "fetch");
  afterEach(() => fetchSpy.mockReset());
  afterAll(() => fetchSpy.mockRestore());

  it("passes error statuses and event streams through untouched", async () => {
    const error = new Response("<html>502</html>", { status: 502, headers: { "content-type": "text/html" } });
    const stream = new Response("data: {}\n\n", { status: 200, headers: { "content-type": "text/event-stream" } });
    fetchSpy.mockResolvedValueOnce(error).mockResolvedValueOnce(stream);
    expect(await answerCheckingFetch("http://127.0.0.1:1/v1/chat/completions")).toBe(error);
    expect(await answerCheckingFetch("http://127.0.0.1:1/v1/chat/completions")).toBe(stream);
  });

  it("refuses a successful answer with no body, reading nothing", async () => {
    fetchSpy.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await expect(answerCheckingFetch("http://127.0.0.1:1/v1/chat/completions")).rejects.toThrow(
      new UnreadableAnswerError("the answer is not the API's: HTTP 204 no content-type, body empty (expected application/json or text/event-stream)"),
    );
  });

  it("reads only the first bytes of a long page, quoting its start", async () => {
    let pulled = 0;
    const page = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new TextEncoder().encode("<html>".padEnd(300, "-")));
      },
    });
    fetchSpy.mockResolvedValueOnce(new Response(page, { status: 200, headers: { "content-type": "text/html" } }));
    const error = await answerCheckingFetch("http://127.0.0.1:1/v1/chat/completions").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableAnswerError);
    expect((error as UnreadableAnswerError).message).toContain(`HTTP 200 text/html, body "<html>${"-".repeat(114)}"… (expected`);
    expect((error as UnreadableAnswerError).status).toBe(200);
    expect(pulled).toBeLessThanOrEqual(3);
  });

  it("gives a JSON answer whose json() says what arrived when it does not parse", async () => {
    fetchSpy.mockResolvedValueOnce(new Response('{"id": "chatcmpl-1", "choi', { status: 200, headers: { "content-type": "application/json" } }));
    const response = await answerCheckingFetch("http://127.0.0.1:1/v1/chat/completions");
    const error = await response.json().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableAnswerError);
    expect((error as Error).message).toMatch(/^the answer is not the API's: HTTP 200 application\/json, body "\{\\"id\\": \\"chatcmpl-1\\", \\"choi" \(not JSON: .+\)$/);
    fetchSpy.mockResolvedValueOnce(new Response('{"ok": true}', { status: 200, headers: { "content-type": "application/json" } }));
    expect(await (await answerCheckingFetch("http://127.0.0.1:1/v1/chat/completions")).json()).toEqual({ ok: true });
  });
});
