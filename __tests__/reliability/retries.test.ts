import { ProviderError } from "../../src/errors";
import { failureOf, outcomeOf, drain, QUESTION } from "./support/outcomes";
import { PROVIDER_KINDS, withRig } from "./support/rigs";

// Each test starts its own stand-in, so the slow ones (real backoff of 1–2 s per retry) run concurrently.
describe.each(PROVIDER_KINDS)("%s: the one retry layer, counted in requests", (kind) => {
  it.concurrent("waits at least the 1 s a 429 asks for in retry-after, then succeeds on the 2nd request", () =>
    withRig(kind, async ({ server, provider }) => {
      server.reply({ error: { status: 429, retryAfterSeconds: 1 } });
      server.reply({ text: "Paris." });
      const outcome = await outcomeOf(() => provider({ maxRetries: 2 }).complete({ messages: QUESTION }));
      expect(outcome.value?.content).toBe("Paris.");
      expect(outcome.elapsedMs).toBeGreaterThanOrEqual(1_000);
      expect(server.requests).toHaveLength(2);
    }),
  );

  it.concurrent("honours retry-after-ms: waits at least 2.5 s (longer than any first backoff) before the 2nd request", () =>
    withRig(kind, async ({ server, provider }) => {
      server.reply({ error: { status: 429, retryAfterMs: 2_500 } });
      server.reply({ text: "Paris." });
      const outcome = await outcomeOf(() => provider({ maxRetries: 1 }).complete({ messages: QUESTION }));
      expect(outcome.value?.content).toBe("Paris.");
      expect(outcome.elapsedMs).toBeGreaterThanOrEqual(2_500);
      expect(server.requests).toHaveLength(2);
    }),
  );

  it.concurrent("retries 503 twice with maxRetries 2 and succeeds on the 3rd request", () =>
    withRig(kind, async ({ server, provider }) => {
      server.reply({ error: { status: 503 }, times: 2 });
      server.reply({ text: "Paris." });
      const result = await provider({ maxRetries: 2 }).complete({ messages: QUESTION });
      expect(result.content).toBe("Paris.");
      expect(server.requests).toHaveLength(3);
    }),
  );

  it.concurrent("gives up after maxRetries: three 503s with maxRetries 2 end in a retryable ProviderError", () =>
    withRig(kind, async ({ server, provider }) => {
      server.reply({ error: { status: 503 }, times: 3 });
      const error = await failureOf(() => provider({ maxRetries: 2 }).complete({ messages: QUESTION }));
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ provider: kind, status: 503, retryable: true, reason: "http" });
      expect(server.requests).toHaveLength(3);
    }),
  );

  it.concurrent("retries a stream whose first request got a 503, then streams the whole answer", () =>
    withRig(kind, async ({ server, provider }) => {
      server.reply({ error: { status: 503 } });
      server.reply({ text: "Paris is the capital." });
      const { text, error, chunks } = await drain(provider({ maxRetries: 1 }).stream({ messages: QUESTION }));
      expect(error).toBeUndefined();
      expect(text).toBe("Paris is the capital.");
      expect(chunks.at(-1)?.result?.estimated).toBe(false);
      expect(server.requests).toHaveLength(2);
    }),
  );

  it.concurrent.each([
    [401, "authentication"],
    [403, "permission"],
    [400, "validation"],
  ])("sends a %i (%s) exactly once: a non-retryable ProviderError with the status and the provider's message", (status) =>
    withRig(kind, async ({ server, provider }) => {
      server.reply({ error: { status, message: `scripted ${status} answer` } });
      const error = await failureOf(() => provider({ maxRetries: 2 }).complete({ messages: QUESTION }));
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ provider: kind, status, retryable: false, reason: "http" });
      expect((error as ProviderError).message).toContain(`failed with HTTP ${status}`);
      expect((error as ProviderError).message).toContain(`scripted ${status} answer`);
      expect((error as ProviderError).cause).toBeInstanceOf(Error);
      expect(server.requests).toHaveLength(1);
    }),
  );
});
