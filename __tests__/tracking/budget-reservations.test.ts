import { BudgetExceededError, InputError } from "../../src/errors";
import { AgentRole, ProviderFactory } from "../../src/factory";
import type { LLMProvider } from "../../src/providers/provider";
import { CostTracker } from "../../src/tracking/cost-tracker";
import type { LLMCallResult } from "../../src/types";
import { embeddingTokenCounts } from "../../src/testing";
import { openAIEmbeddingsAt, useOfflineServers, useOpenAIStandIn } from "../helpers/stand-ins";
import { QUESTION, drain } from "../reliability/support/outcomes";
import { MODELS, expectedCost, useRig, type ProviderKind } from "../reliability/support/rigs";

/** LangChain logs every error a raiseError handler throws before rethrowing it. */
let consoleError: jest.SpyInstance;
beforeEach(() => {
  consoleError = jest.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => consoleError.mockRestore());

interface Burst {
  results: LLMCallResult[];
  refused: BudgetExceededError[];
  others: unknown[];
}

/** Starts `count` calls at once and sorts how each ended. */
async function burst(count: number, call: () => Promise<LLMCallResult>): Promise<Burst> {
  const outcomes = await Promise.allSettled(Array.from({ length: count }, call));
  const burst: Burst = { results: [], refused: [], others: [] };
  for (const outcome of outcomes) {
    if (outcome.status === "fulfilled") burst.results.push(outcome.value);
    else if (outcome.reason instanceof BudgetExceededError) burst.refused.push(outcome.reason);
    else burst.others.push(outcome.reason);
  }
  return burst;
}

/** Spend stays within the budget, and all but at most one call's worth of it is used. */
function expectBudgetHeld(tracker: CostTracker, budgetUsd: number, perCallUsd: number, burst: Burst, requests: number): void {
  const { costUsd, reservedUsd, calls } = tracker.totals();
  expect(burst.others).toEqual([]);
  expect(costUsd).toBeLessThanOrEqual(budgetUsd);
  expect(costUsd).toBeGreaterThan(budgetUsd - perCallUsd);
  expect(calls).toBe(burst.results.length);
  expect(requests).toBe(burst.results.length);
  expect(burst.refused.length).toBe(200 - burst.results.length);
  expect(reservedUsd).toBe(0);
}

describe.each<[ProviderKind, "complete" | "stream", number]>([
  ["openai", "complete", 0.1],
  ["openai", "stream", 0.1],
  ["bedrock", "complete", 0.01],
  ["bedrock", "stream", 0.01],
])("%s %s: 200 calls started at once with maxTokens never pass the budget", (kind, method, budgetUsd) => {
  const rig = useRig(kind);

  async function callOnce(provider: LLMProvider): Promise<LLMCallResult> {
    if (method === "complete") return provider.complete({ messages: QUESTION, maxTokens: 1000 });
    const { chunks, error } = await drain(provider.stream({ messages: QUESTION, maxTokens: 1000 }));
    if (error !== undefined) throw error;
    return chunks.at(-1)!.result!;
  }

  it(`a $${budgetUsd} budget admits only the calls whose worst case fits, all at once`, async () => {
    const tracker = new CostTracker({ budgetUsd });
    const provider = rig.provider({ tracker });
    // Every answer uses its whole maxTokens, and slowly, so that all 200 calls are in flight together.
    rig.server.reply({ text: "A long answer.", usage: { outputTokens: 1000 }, delayMs: 50, times: 200 });
    const result = await burst(200, () => callOnce(provider));
    const perCall = result.results[0]!.cost;
    expect(perCall).toBeCloseTo(expectedCost(kind, result.results[0]!.tokensInput, 1000), 15);
    expectBudgetHeld(tracker, budgetUsd, perCall, result, rig.server.requests.length);
    expect(result.refused[0]!.message).toMatch(/reserved by calls in flight|spent of a/);
  });
});

describe("runnableFor(role): concurrent calls through the callbacks reserve reserveOutputTokens", () => {
  const servers = useOfflineServers();

  it("100 runnable calls at once on a $0.05 budget stay within it", async () => {
    const factory = new ProviderFactory({ env: servers.env, tracker: new CostTracker({ budgetUsd: 0.05, reserveOutputTokens: 500 }) });
    servers.openai.reply({ text: "Answer.", usage: { outputTokens: 500 }, delayMs: 50, times: 100 });
    const model = factory.runnableFor(AgentRole.RAG);
    const outcomes = await Promise.allSettled(Array.from({ length: 100 }, () => model.invoke("What is the capital of France?")));
    const admitted = outcomes.filter((outcome) => outcome.status === "fulfilled").length;
    const { costUsd, reservedUsd } = factory.tracker.totals();
    const perCall = factory.tracker.calls[0]!.cost;
    expect(costUsd).toBeLessThanOrEqual(0.05);
    expect(costUsd).toBeGreaterThan(0.05 - perCall);
    expect(servers.openai.requests).toHaveLength(admitted);
    expect(outcomes.filter((outcome) => outcome.status === "rejected" && outcome.reason instanceof BudgetExceededError)).toHaveLength(100 - admitted);
    expect(reservedUsd).toBe(0);
  });
});

describe("embeddings reserve their counted input", () => {
  const server = useOpenAIStandIn();

  it("200 embed() calls at once never pass the budget", async () => {
    const text = "A document about the history of Paris and its bridges over the Seine.";
    const [tokens] = await embeddingTokenCounts([text]);
    const perCall = (tokens! * 0.13) / 1e6;
    const budgetUsd = perCall * 20.5;
    const tracker = new CostTracker({ budgetUsd });
    const provider = openAIEmbeddingsAt(server, { tracker });
    server.reply({ delayMs: 50, times: 200 });
    const outcomes = await Promise.allSettled(Array.from({ length: 200 }, () => provider.embed({ texts: [text] })));
    const admitted = outcomes.filter((outcome) => outcome.status === "fulfilled").length;
    expect(admitted).toBe(20);
    expect(server.requests).toHaveLength(20);
    expect(tracker.totals().costUsd).toBeCloseTo(perCall * 20, 15);
    expect(tracker.totals().reservedUsd).toBe(0);
  });
});

describe("what calls in flight hold, and what they give back", () => {
  const rig = useRig("openai");

  it("totals().reservedUsd is the worst case of the calls in flight, and 0 once they end", async () => {
    const tracker = new CostTracker({ budgetUsd: 10 });
    const provider = rig.provider({ tracker });
    rig.server.reply({ text: "Slow.", usage: { outputTokens: 10 }, delayMs: 300, times: 3 });
    const input = provider.countTokens({ messages: QUESTION }).input;
    const calls = Array.from({ length: 3 }, () => provider.complete({ messages: QUESTION, maxTokens: 100 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(tracker.totals().reservedUsd).toBeCloseTo(3 * expectedCost("openai", input, 100), 15);
    await Promise.all(calls);
    expect(tracker.totals()).toMatchObject({ reservedUsd: 0, calls: 3, costUsd: expect.closeTo(3 * expectedCost("openai", input, 10), 15) });
  });

  it("a call that fails before the provider accepts it gives its reservation back and spends nothing", async () => {
    const tracker = new CostTracker({ budgetUsd: 1 });
    rig.server.reply({ error: { status: 500, message: "boom" } });
    await expect(rig.provider({ tracker }).complete({ messages: QUESTION, maxTokens: 100 })).rejects.toMatchObject({ status: 500 });
    expect(tracker.totals()).toMatchObject({ reservedUsd: 0, costUsd: 0, calls: 0 });
  });

  it("a budget of 0 refuses every call before any request", async () => {
    const provider = rig.provider({ tracker: new CostTracker({ budgetUsd: 0 }) });
    const error = await provider.complete({ messages: QUESTION }).catch((caught: unknown) => caught);
    expect((error as BudgetExceededError).message).toBe("Budget exceeded: $0.0000 spent of a $0.0000 budget. Raise budgetUsd or call tracker.reset() to continue.");
    expect(rig.server.requests).toHaveLength(0);
  });

  it("the worst case uses the call's own price row: a provider's pricing option", async () => {
    const tracker = new CostTracker({ budgetUsd: 0.5 });
    // $1000 per 1M output tokens: 1000 tokens may cost $1, over the budget.
    const provider = rig.provider({ tracker, pricing: { [MODELS.openai.id]: { input: 1, output: 1000 } } });
    const error = await provider.complete({ messages: QUESTION, maxTokens: 1000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect((error as BudgetExceededError).callUsd).toBeCloseTo((provider.countTokens({ messages: QUESTION }).input * 1 + 1000 * 1000) / 1e6, 15);
    expect(rig.server.requests).toHaveLength(0);
  });
});

describe("bad budget options fail at construction", () => {
  it.each([Number.NaN, -1, Infinity, "5", null])("budgetUsd %p", (budgetUsd) => {
    expect(() => new CostTracker({ budgetUsd: budgetUsd as number })).toThrow(InputError);
    expect(() => new CostTracker({ budgetUsd: budgetUsd as number })).toThrow(/budgetUsd must be a finite number of US dollars, 0 or more/);
  });

  it.each([-1, 1.5, Number.NaN])("reserveOutputTokens %p", (reserveOutputTokens) => {
    expect(() => new CostTracker({ reserveOutputTokens })).toThrow(/reserveOutputTokens must be a whole number of tokens/);
  });
});
