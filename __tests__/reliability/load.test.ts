import { LLMError, ProviderError } from "../../src/errors";
import type { LLMProvider } from "../../src/providers/provider";
import { CostTracker } from "../../src/tracking/cost-tracker";
import type { LLMCallResult } from "../../src/types";
import { drain, outcomeOf, QUESTION, type Outcome } from "./support/outcomes";
import { expectedCost, PROVIDER_KINDS, startRig, type ProviderKind, type Rig } from "./support/rigs";

const CALLS = 1_000;
/** Statuses that are never retried (each stand-in answers them in its provider's own error shape). */
const FAULT_STATUSES = [400, 403, 404];
const OVERALL_TIMEOUT_MS = 40_000;

/** What one provider's share of the load was scripted to answer. */
interface Plan {
  faults: number;
  tokensInput: number;
  tokensOutput: number;
  cost: number;
}

/** Queues `count` replies on the rig's server, every 10th a non-retryable error; returns what success adds up to. */
function script(rig: Rig, count: number): Plan {
  const plan: Plan = { faults: 0, tokensInput: 0, tokensOutput: 0, cost: 0 };
  for (let i = 0; i < count; i++) {
    if (i % 10 === 7) {
      rig.server.reply({ error: { status: FAULT_STATUSES[plan.faults % FAULT_STATUSES.length]! } });
      plan.faults += 1;
      continue;
    }
    const usage = { inputTokens: 40 + ((i * 37) % 211), outputTokens: 3 + ((i * 11) % 53) };
    rig.server.reply({ text: `answer ${i}`, usage });
    plan.tokensInput += usage.inputTokens;
    plan.tokensOutput += usage.outputTokens;
    plan.cost += expectedCost(rig.kind, usage.inputTokens, usage.outputTokens);
  }
  return plan;
}

/** One call of the load: every 4th call streams, the others complete. */
async function call(provider: LLMProvider, index: number): Promise<LLMCallResult> {
  if (index % 4 !== 1) return provider.complete({ messages: QUESTION });
  const { chunks, error } = await drain(provider.stream({ messages: QUESTION }));
  if (error !== undefined) throw error;
  const result = chunks.at(-1)?.result;
  if (result === undefined) throw new Error("the stream ended without a result");
  return result;
}

describe("load: 1,000 concurrent calls across the providers with 10% injected faults", () => {
  const rigs = new Map<ProviderKind, Rig>();
  const warnings: Error[] = [];
  const onWarning = (warning: Error): void => {
    warnings.push(warning);
  };

  beforeAll(async () => {
    for (const kind of PROVIDER_KINDS) rigs.set(kind, await startRig(kind));
    process.on("warning", onWarning);
  });
  afterAll(async () => {
    process.off("warning", onWarning);
    for (const rig of rigs.values()) await rig.close();
  });

  it("ends every call in a result or a typed ProviderError, keeps exact books, and leaks no listeners", async () => {
    const tracker = new CostTracker();
    const perKind = CALLS / PROVIDER_KINDS.length;
    const plans = new Map([...rigs].map(([kind, rig]) => [kind, script(rig, perKind)]));
    const calls = [...rigs.values()].flatMap((rig) => {
      const provider = rig.provider({ tracker, maxRetries: 0 });
      return Array.from({ length: perKind }, (_, index) => outcomeOf(() => call(provider, index)));
    });

    let timer: NodeJS.Timeout | undefined;
    const overall = new Promise<"timed out">((resolve) => (timer = setTimeout(() => resolve("timed out"), OVERALL_TIMEOUT_MS)));
    const outcomes = await Promise.race([Promise.all(calls), overall]);
    clearTimeout(timer);
    if (outcomes === "timed out") throw new Error(`not every call ended within ${OVERALL_TIMEOUT_MS} ms: some call hangs`);

    const results = outcomes.filter((o): o is Outcome<LLMCallResult> & { value: LLMCallResult } => o.value !== undefined);
    const errors = outcomes.map((o) => o.error).filter((e) => e !== undefined);
    expect(results.length + errors.length).toBe(CALLS);
    for (const error of errors) {
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toBeInstanceOf(LLMError);
      expect(error).toMatchObject({ reason: "http", retryable: false });
      expect(FAULT_STATUSES).toContain((error as ProviderError).status);
    }

    const planned = [...plans.values()].reduce(
      (sum, plan) => ({ faults: sum.faults + plan.faults, tokensInput: sum.tokensInput + plan.tokensInput, tokensOutput: sum.tokensOutput + plan.tokensOutput, cost: sum.cost + plan.cost }),
      { faults: 0, tokensInput: 0, tokensOutput: 0, cost: 0 },
    );
    expect(errors).toHaveLength(planned.faults);
    expect(planned.faults).toBe(CALLS / 10);
    expect(results.every((o) => o.value.estimated === false)).toBe(true);

    const totals = tracker.totals();
    expect(totals.calls).toBe(CALLS - planned.faults);
    expect(totals.estimated).toBe(0);
    expect(totals.tokensInput).toBe(planned.tokensInput);
    expect(totals.tokensOutput).toBe(planned.tokensOutput);
    expect(Math.abs(totals.costUsd - planned.cost)).toBeLessThanOrEqual(1e-9);
    const resultCost = results.reduce((sum, o) => sum + o.value.cost, 0);
    expect(Math.abs(resultCost - planned.cost)).toBeLessThanOrEqual(1e-9);
    for (const [kind, rig] of rigs) {
      expect(rig.server.requests).toHaveLength(perKind);
      const kindCalls = tracker.calls.filter((c) => c.provider === kind);
      expect(kindCalls).toHaveLength(perKind - plans.get(kind)!.faults);
    }

    expect(Object.values(totals.byModel).reduce((sum, bucket) => sum + bucket.calls, 0)).toBe(tracker.calls.length);

    await new Promise((resolve) => setImmediate(resolve));
    const leaks = warnings.filter((w) => w.name === "MaxListenersExceededWarning" || /leak/i.test(`${w.name} ${w.message}`));
    expect(leaks.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
  }, 60_000);
});
