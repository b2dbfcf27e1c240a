import { HumanMessage } from "@langchain/core/messages";
import { AgentRole, ProviderFactory } from "../../src/factory";
import { InputError } from "../../src/errors";
import { DEFAULT_BREAKER } from "../../src/providers/fallback/model-breaker";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { useOfflineServers } from "../helpers/stand-ins";

const HAIKU_ID = "us.anthropic.claude-3-haiku-20240307-v1:0";
const BEDROCK = `bedrock:${HAIKU_ID}`;
const THROTTLED = { error: { status: 429, type: "ThrottlingException" } };
// Long enough that a slow machine never sees it pass on its own: the tests move the breaker's clock instead.
const COOLDOWN_MS = 60_000;
const servers = useOfflineServers();
const question = [new HumanMessage("Where is my order?")];

function chainFactory(options: { tracker?: CostTracker } = {}): ProviderFactory {
  return new ProviderFactory({
    env: { ...servers.env, DEFAULT_DIRECT_MODEL: `${HAIKU_ID},gpt-4o-mini`, DEFAULT_CAG_MODEL: `${HAIKU_ID},gpt-4o` },
    maxRetries: 0,
    breaker: { failureThreshold: 2, cooldownMs: COOLDOWN_MS },
    ...options,
  });
}

/** Moves Date.now (the breaker's clock) forward, as if `ms` had passed. */
let clockOffset = 0;
const realNow = Date.now.bind(Date);
beforeEach(() => {
  clockOffset = 0;
  jest.spyOn(Date, "now").mockImplementation(() => realNow() + clockOffset);
});
afterEach(() => jest.restoreAllMocks());
const passTime = (ms: number): void => {
  clockOffset += ms;
};

/** How many requests each stand-in has seen. */
const requestCounts = () => [servers.bedrock.requests.length, servers.openai.requests.length];

describe("the breaker of a model in a fallback chain", () => {
  test("opens after failureThreshold consecutive retryable failures, skips the model for cooldownMs (for every role), then tries it again", async () => {
    const factory = chainFactory();
    const direct = factory.runnableFor(AgentRole.DIRECT);
    servers.bedrock.reply({ ...THROTTLED, times: 2 });
    servers.openai.reply({ text: "fallback", times: 4 });
    await direct.invoke(question);
    await direct.invoke(question);
    expect(requestCounts()).toEqual([2, 2]);
    // Open: Bedrock is not asked, by this role or another whose chain names the same model.
    await direct.invoke(question);
    await factory.runnableFor(AgentRole.CAG).invoke(question);
    expect(requestCounts()).toEqual([2, 4]);
    expect(factory.tracker.calls.map((call) => call.fellBackFrom)).toEqual([[BEDROCK], [BEDROCK], [BEDROCK], [BEDROCK]]);
    // After the cooldown it is tried again, answers, and the breaker closes.
    passTime(COOLDOWN_MS + 1);
    servers.bedrock.reply({ text: "Bedrock again", times: 2 });
    expect((await direct.invoke(question)).text).toBe("Bedrock again");
    expect((await direct.invoke(question)).text).toBe("Bedrock again");
    expect(requestCounts()).toEqual([4, 4]);
    expect(factory.tracker.calls.slice(-2).map((call) => [call.provider, call.fellBackFrom])).toEqual([
      ["bedrock", undefined],
      ["bedrock", undefined],
    ]);
  });

  test("a model tried again after its cooldown that fails once more is skipped again at once", async () => {
    const factory = chainFactory();
    const direct = factory.runnableFor(AgentRole.DIRECT);
    servers.bedrock.reply({ ...THROTTLED, times: 3 });
    servers.openai.reply({ text: "fallback", times: 4 });
    await direct.invoke(question);
    await direct.invoke(question);
    passTime(COOLDOWN_MS + 1);
    await direct.invoke(question);
    await direct.invoke(question);
    expect(requestCounts()).toEqual([3, 4]);
  });

  test("a success resets the count: failures that are not consecutive never open it", async () => {
    const factory = chainFactory();
    const direct = factory.runnableFor(AgentRole.DIRECT);
    for (let round = 0; round < 3; round++) {
      servers.bedrock.reply(THROTTLED);
      servers.openai.reply({ text: "fallback" });
      await direct.invoke(question);
      servers.bedrock.reply({ text: "Bedrock" });
      await direct.invoke(question);
    }
    expect(requestCounts()).toEqual([6, 3]);
  });

  test("when every model of the chain is cooling down, the chain still tries them all, in order", async () => {
    const factory = chainFactory();
    const direct = factory.runnableFor(AgentRole.DIRECT);
    servers.bedrock.reply({ ...THROTTLED, times: 3 });
    servers.openai.reply({ error: { status: 503 }, times: 2 });
    servers.openai.reply({ text: "fallback" });
    for (let call = 0; call < 2; call++) await expect(direct.invoke(question)).rejects.toMatchObject({ status: 503 });
    expect(requestCounts()).toEqual([2, 2]);
    expect((await direct.invoke(question)).text).toBe("fallback");
    expect(requestCounts()).toEqual([3, 3]);
  });

  test("its options are checked, and its defaults are 3 failures and 30 s", () => {
    expect(DEFAULT_BREAKER).toEqual({ failureThreshold: 3, cooldownMs: 30_000 });
    expect(() => new ProviderFactory({ breaker: { failureThreshold: 0 } })).toThrow(InputError);
    expect(() => new ProviderFactory({ breaker: { cooldownMs: -1 } })).toThrow(InputError);
    expect(() => new ProviderFactory({ maxRetries: 1.5 })).toThrow(InputError);
  });
});

describe("what the tracker records of a chain", () => {
  test("each attempt once: the chain's own run (through generate()) is neither reserved nor priced, nor is a tracker reached twice", async () => {
    const tracker = new CostTracker({ budgetUsd: 10 });
    const factory = chainFactory({ tracker });
    servers.bedrock.reply(THROTTLED);
    servers.openai.reply({ text: "fallback", usage: { inputTokens: 100, outputTokens: 10 } });
    const result = await factory.runnableFor(AgentRole.DIRECT).generate([question], { callbacks: [tracker] });
    expect(result.generations[0]![0]!.text).toBe("fallback");
    servers.bedrock.reply(THROTTLED);
    servers.openai.reply({ text: "fallback", usage: { inputTokens: 100, outputTokens: 10 } });
    await factory.runnableFor(AgentRole.DIRECT).invoke(question, { callbacks: [tracker] });
    const totals = tracker.totals();
    expect([totals.calls, totals.unpriced, totals.reservedUsd]).toEqual([2, 0, 0]);
    expect(totals.costUsd).toBeCloseTo((2 * (100 * 0.15 + 10 * 0.6)) / 1e6, 15);
    expect(tracker.calls.map((call) => [call.provider, call.role, call.fellBackFrom])).toEqual([
      ["openai", "direct", [BEDROCK]],
      ["openai", "direct", [BEDROCK]],
    ]);
  });

  test("the report flags the calls that fell back, by model and role, with a note", async () => {
    const factory = chainFactory();
    servers.bedrock.reply({ text: "Bedrock" });
    servers.bedrock.reply(THROTTLED);
    servers.openai.reply({ text: "fallback" });
    await factory.runnableFor(AgentRole.DIRECT).invoke(question);
    await factory.runnableFor(AgentRole.DIRECT).invoke(question);
    const report = factory.tracker.report();
    const line = (name: string) => report.split("\n").find((text) => text.startsWith(`${name} `)) ?? "";
    expect(line("gpt-4o-mini-2024-07-18")).toMatch(/1 fell back$/);
    expect(line(HAIKU_ID)).not.toMatch(/fell back/);
    expect(line("direct")).toMatch(/1 fell back$/);
    expect(report).toContain("1 call(s) fell back: their role's fallback chain sent them to a later model after earlier ones failed or were cooling down (TrackedCall.fellBackFrom names those).");
  });
});
