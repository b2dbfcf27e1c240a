import { ProviderError } from "../../src/errors";
import type { LLMCallResult } from "../../src/types";
import { drain, outcomeOf, QUESTION, type Outcome } from "./support/outcomes";
import { PROVIDER_KINDS, withRig, type Rig } from "./support/rigs";
import type { ScriptedReply } from "../../src/testing/stand-in-types";

/** One retry scenario: what the server answers in turn, how many retries the provider may make. */
interface Scenario {
  replies: ScriptedReply[];
  maxRetries: number;
  stream?: boolean;
}

/** What a scenario ended in, and how many requests the server saw. */
interface Ran {
  outcome: Outcome<LLMCallResult | string>;
  requests: number;
}

const SCENARIOS = {
  "429 retry-after 1": { replies: [{ error: { status: 429, retryAfterSeconds: 1 } }, { text: "Paris." }], maxRetries: 2 },
  "429 retry-after-ms 2500": { replies: [{ error: { status: 429, retryAfterMs: 2_500 } }, { text: "Paris." }], maxRetries: 1 },
  "503 twice": { replies: [{ error: { status: 503 }, times: 2 }, { text: "Paris." }], maxRetries: 2 },
  "503 three times": { replies: [{ error: { status: 503 }, times: 3 }], maxRetries: 2 },
  "503 then a stream": { replies: [{ error: { status: 503 } }, { text: "Paris is the capital." }], maxRetries: 1, stream: true },
  "reset then an answer": { replies: [{ dropConnection: "reset" }, { text: "Paris." }], maxRetries: 2 },
  "hang-up then a stream": { replies: [{ dropConnection: "close" }, { text: "Paris is the capital." }], maxRetries: 1, stream: true },
  "reset without retries": { replies: [{ dropConnection: "reset" }], maxRetries: 0 },
  "hang-up without retries": { replies: [{ dropConnection: "close" }], maxRetries: 0, stream: true },
  "401": { replies: [{ error: { status: 401, message: "scripted 401 answer" } }], maxRetries: 2 },
  "403": { replies: [{ error: { status: 403, message: "scripted 403 answer" } }], maxRetries: 2 },
  "400": { replies: [{ error: { status: 400, message: "scripted 400 answer" } }], maxRetries: 2 },
} satisfies Record<string, Scenario>;
type ScenarioName = keyof typeof SCENARIOS;

/** Runs one scenario on its own stand-in; a stream's outcome is its text. */
async function play(rig: Rig, scenario: Scenario): Promise<Ran> {
  for (const reply of scenario.replies) rig.server.reply(reply);
  const provider = rig.provider({ maxRetries: scenario.maxRetries });
  const outcome = await outcomeOf<LLMCallResult | string>(async () => {
    if (!scenario.stream) return provider.complete({ messages: QUESTION });
    const { text, error } = await drain(provider.stream({ messages: QUESTION }));
    if (error !== undefined) throw error;
    return text;
  });
  return { outcome, requests: rig.server.requests.length };
}

// The backoff is real (1–2 s, then 2–4 s), so every scenario of every provider runs at once, each
// on its own stand-in, and the tests below read what they ended in. A warm-up call first builds the
// tokenizers (seconds of CPU, once per process), so they do not stall the scenarios' timers.
const ran = new Map<string, Promise<Ran>>();
beforeAll(async () => {
  for (const kind of PROVIDER_KINDS) {
    await withRig(kind, (rig) => play(rig, { replies: [{ text: "warm-up" }, { text: "warm-up" }], maxRetries: 0 }));
    await withRig(kind, (rig) => play(rig, { replies: [{ text: "warm-up" }], maxRetries: 0, stream: true }));
  }
  for (const kind of PROVIDER_KINDS) {
    for (const [name, scenario] of Object.entries(SCENARIOS)) ran.set(`${kind} ${name}`, withRig(kind, (rig) => play(rig, scenario)));
  }
});
const result = (kind: string, name: ScenarioName): Promise<Ran> => ran.get(`${kind} ${name}`)!;

describe.each(PROVIDER_KINDS)("%s: the one retry layer, counted in requests", (kind) => {
  it("waits at least the 1 s a 429 asks for in retry-after, then succeeds on the 2nd request", async () => {
    const { outcome, requests } = await result(kind, "429 retry-after 1");
    expect((outcome.value as LLMCallResult | undefined)?.content).toBe("Paris.");
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(1_000);
    expect(requests).toBe(2);
  });

  it("honours retry-after-ms: waits at least 2.5 s (longer than any first backoff) before the 2nd request", async () => {
    const { outcome, requests } = await result(kind, "429 retry-after-ms 2500");
    expect((outcome.value as LLMCallResult | undefined)?.content).toBe("Paris.");
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(2_500);
    expect(requests).toBe(2);
  });

  it("retries 503 twice with maxRetries 2 and succeeds on the 3rd request", async () => {
    const { outcome, requests } = await result(kind, "503 twice");
    expect((outcome.value as LLMCallResult | undefined)?.content).toBe("Paris.");
    expect(requests).toBe(3);
  });

  it("gives up after maxRetries: three 503s with maxRetries 2 end in a retryable ProviderError", async () => {
    const { outcome, requests } = await result(kind, "503 three times");
    expect(outcome.error).toBeInstanceOf(ProviderError);
    expect(outcome.error).toMatchObject({ provider: kind, status: 503, retryable: true, reason: "http" });
    expect(requests).toBe(3);
  });

  it.each([
    ["a 503", "503 then a stream"],
    ['a connection closed before any answer ("socket hang up")', "hang-up then a stream"],
  ] as const)("retries a stream whose first request got %s, then streams the whole answer", async (_case, name) => {
    const { outcome, requests } = await result(kind, name);
    expect(outcome.error).toBeUndefined();
    expect(outcome.value).toBe("Paris is the capital.");
    expect(requests).toBe(2);
  });

  it("retries a connection reset before any answer (a stale keep-alive socket) and succeeds on the 2nd request", async () => {
    const { outcome, requests } = await result(kind, "reset then an answer");
    expect(outcome.error).toBeUndefined();
    expect((outcome.value as LLMCallResult | undefined)?.content).toBe("Paris.");
    expect(requests).toBe(2);
  });

  it.each(["reset without retries", "hang-up without retries"] as const)("calls a %s reason \"network\", retryable, never a timeout", async (name) => {
    const { outcome, requests } = await result(kind, name);
    expect(outcome.error).toBeInstanceOf(ProviderError);
    expect(outcome.error).toMatchObject({ provider: kind, reason: "network", retryable: true, status: undefined });
    expect((outcome.error as ProviderError).message).not.toContain("timeoutMs");
    expect(requests).toBe(1);
  });

  it.each(["401", "403", "400"] as const)("sends a %s exactly once: a non-retryable ProviderError with the status and the provider's message", async (name) => {
    const { outcome, requests } = await result(kind, name);
    const error = outcome.error as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: kind, status: Number(name), retryable: false, reason: "http" });
    expect(error.message).toContain(`failed with HTTP ${name}`);
    expect(error.message).toContain(`scripted ${name} answer`);
    expect(error.cause).toBeInstanceOf(Error);
    expect(requests).toBe(1);
  });
});
