import { ProviderError } from "../../src/errors";
import type { ProviderFactory } from "../../src/factory";
import { toBaseMessages } from "../../src/messages";
import { DEFAULT_CALL_TIMEOUT_MS } from "../../src/providers/call-signal";
import { drain, eventually, expectTimedOut, outcomeOf, QUESTION, type Outcome } from "./support/outcomes";
import { PROVIDER_KINDS, ROLES, useRig, type ProviderKind } from "./support/rigs";

const PROMPT = toBaseMessages(QUESTION);

/** Every way to make a chat call through a factory, each awaited to its end. */
const CALLS: Record<string, (factory: ProviderFactory, kind: ProviderKind) => Promise<unknown>> = {
  "provider.complete()": (factory, kind) => factory.forRole(ROLES[kind]).complete({ messages: QUESTION }),
  "provider.stream()": async (factory, kind) => {
    const { error } = await drain(factory.forRole(ROLES[kind]).stream({ messages: QUESTION }));
    if (error !== undefined) throw error;
  },
  "runnableFor(role).invoke()": (factory, kind) => factory.runnableFor(ROLES[kind]).invoke(PROMPT),
  "runnableFor(role).stream()": async (factory, kind) => {
    for await (const _chunk of await factory.runnableFor(ROLES[kind]).stream(PROMPT));
  },
};

describe.each(PROVIDER_KINDS)("%s: no call waits for ever on a server that never answers", (kind) => {
  const rig = useRig(kind);
  // Builds the tokenizers of both sides (seconds of CPU once per process) before any time limit runs.
  beforeAll(() => drain(rig.provider().stream({ messages: QUESTION })));

  /** Runs `call` against a server that accepts the request and never answers. */
  async function againstHangingServer(call: () => Promise<unknown>): Promise<Outcome<unknown>> {
    rig.server.reply({ hang: true });
    return outcomeOf(call);
  }

  it.each(Object.keys(CALLS))("%s ends at the factory's timeoutMs with a timeout ProviderError, and the server sees the request given up", async (name) => {
    expectTimedOut(await againstHangingServer(() => CALLS[name]!(rig.factory({ timeoutMs: 300 }), kind)), kind, 300);
    expect(await eventually(() => rig.server.requests[0]?.aborted === true)).toBe(true);
    expect(rig.server.requests).toHaveLength(1);
  });

  it.each(Object.keys(CALLS))("%s with no timeoutMs anywhere ends at the documented default of 10 minutes", async (name) => {
    // The default's timer is shortened to 250 ms here; the message still names the limit in force.
    const timeout = AbortSignal.timeout.bind(AbortSignal);
    const spy = jest.spyOn(AbortSignal, "timeout").mockImplementation((ms) => timeout(ms === DEFAULT_CALL_TIMEOUT_MS ? 250 : ms));
    try {
      const { error, elapsedMs } = await againstHangingServer(() => CALLS[name]!(rig.factory(), kind));
      expect(DEFAULT_CALL_TIMEOUT_MS).toBe(600_000);
      expect(spy).toHaveBeenCalledWith(DEFAULT_CALL_TIMEOUT_MS);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ provider: kind, reason: "timeout" });
      expect((error as ProviderError).message).toContain("timed out after 600000 ms");
      expect(elapsedMs).toBeLessThan(250 + 1_000);
    } finally {
      spy.mockRestore();
    }
  });

  it("a call's own timeoutMs wins over the provider's, longer or shorter", async () => {
    const provider = rig.provider({ timeoutMs: 200 });
    rig.server.reply({ text: "Paris.", delayMs: 500 });
    const longer = await outcomeOf(() => provider.complete({ messages: QUESTION, timeoutMs: 2_000 }));
    expect(longer.value?.content).toBe("Paris.");
    const shorter = await againstHangingServer(() => rig.provider({ timeoutMs: 5_000 }).complete({ messages: QUESTION, timeoutMs: 150 }));
    expect((shorter.error as ProviderError).message).toContain("timed out after 150 ms");
    expect(shorter.elapsedMs).toBeLessThan(150 + 1_000);
  });

  it("LangChain's own timeout option on a runnable call ends it as a timeout ProviderError too", async () => {
    const { error, elapsedMs } = await againstHangingServer(() => rig.factory().runnableFor(ROLES[kind]).invoke(PROMPT, { timeout: 200 }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: kind, reason: "timeout" });
    expect(elapsedMs).toBeLessThan(200 + 1_000);
  });
});
