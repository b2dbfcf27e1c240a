import { HumanMessage } from "@langchain/core/messages";
import type { RunnableConfig } from "@langchain/core/runnables";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import type { StandIns } from "../../src/testing";
import { AgentRole, ProviderFactory } from "../../src/factory";
import type { CostBucket } from "../../src/tracking/totals";
import { useOfflineServers } from "../helpers/stand-ins";

/** USD per 1M tokens, copied from the providers' price pages (not read from the package). */
const PRICE = {
  sonnet: { input: 3, cacheRead: 0.3, cacheWrite: 3.75, output: 15 },
  gpt4turbo: { input: 10, output: 30 },
  gpt4o: { input: 2.5, cacheRead: 1.25, output: 10 },
  haiku: { input: 0.25, output: 1.25 },
  embedding3large: { input: 0.13 },
};
const M = 1_000_000;

/** What each scripted call bills, in dollars and tokens (input includes cache parts, as TokenUsage does). */
const EXPECTED = {
  analysis: { costUsd: (1000 * PRICE.sonnet.input + 2000 * PRICE.sonnet.cacheRead + 500 * PRICE.sonnet.cacheWrite + 40 * PRICE.sonnet.output) / M, tokensInput: 3500, tokensOutput: 40, calls: 1 },
  rag: { costUsd: (1500 * PRICE.gpt4turbo.input + 300 * PRICE.gpt4turbo.output) / M, tokensInput: 1500, tokensOutput: 300, calls: 1 },
  hybrid: { costUsd: (464 * PRICE.gpt4o.input + 1536 * PRICE.gpt4o.cacheRead + 120 * PRICE.gpt4o.output) / M, tokensInput: 2000, tokensOutput: 120, calls: 1 },
  cag: { costUsd: (800 * PRICE.haiku.input + 200 * PRICE.haiku.output) / M, tokensInput: 800, tokensOutput: 200, calls: 1 },
  direct: { costUsd: (300 * PRICE.haiku.input + 50 * PRICE.haiku.output) / M, tokensInput: 300, tokensOutput: 50, calls: 1 },
};

function sum(...buckets: CostBucket[]): CostBucket {
  return buckets.reduce(
    (total, bucket) => ({
      costUsd: total.costUsd + bucket.costUsd,
      tokensInput: total.tokensInput + bucket.tokensInput,
      tokensOutput: total.tokensOutput + bucket.tokensOutput,
      calls: total.calls + bucket.calls,
    }),
    { costUsd: 0, tokensInput: 0, tokensOutput: 0, calls: 0 },
  );
}

function expectBucket(actual: CostBucket | undefined, expected: CostBucket): void {
  if (actual === undefined) throw new Error("no cost bucket where one was expected");
  expect(Math.abs(actual!.costUsd - expected.costUsd)).toBeLessThan(1e-9);
  expect([actual!.tokensInput, actual!.tokensOutput, actual!.calls]).toEqual([expected.tokensInput, expected.tokensOutput, expected.calls]);
}

const State = Annotation.Root({ question: Annotation<string>(), notes: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });

/** Three nodes over both providers: analysis (Sonnet), research (gpt-4-turbo + gpt-4o), answer (Haiku twice, two roles). */
function buildGraph(factory: ProviderFactory) {
  const call = async (role: AgentRole, state: typeof State.State, config?: RunnableConfig) =>
    (await factory.runnableFor(role).invoke([new HumanMessage(state.question)], config)).text;
  return new StateGraph(State)
    .addNode("analysis", async (state, config) => ({ notes: [await call(AgentRole.ORCHESTRATOR_ANALYSIS, state, config)] }))
    .addNode("research", async (state, config) => ({
      notes: [await call(AgentRole.RAG, state, config), await call(AgentRole.HYBRID, state, config)],
    }))
    .addNode("answer", async (state, config) => ({
      notes: [await call(AgentRole.CAG, state, config), await call(AgentRole.DIRECT, state, config)],
    }))
    .addEdge(START, "analysis")
    .addEdge("analysis", "research")
    .addEdge("research", "answer")
    .addEdge("answer", END)
    .compile();
}

function scriptUsage(servers: StandIns): void {
  servers.bedrock.reply({ text: "analysed", usage: { inputTokens: 1000, cacheReadTokens: 2000, cacheWriteTokens: 500, outputTokens: 40 } });
  servers.openai.reply({ text: "researched", usage: { inputTokens: 1500, outputTokens: 300 } });
  servers.openai.reply({ text: "cross-checked", usage: { inputTokens: 2000, cacheReadTokens: 1536, outputTokens: 120 } });
  servers.bedrock.reply({ text: "from the handbook", usage: { inputTokens: 800, outputTokens: 200 } });
  servers.bedrock.reply({ text: "directly", usage: { inputTokens: 300, outputTokens: 50 } });
}

const servers = useOfflineServers();
let factory: ProviderFactory;

beforeEach(async () => {
  factory = new ProviderFactory({ env: servers.env });
  scriptUsage(servers);
  const state = await buildGraph(factory).invoke({ question: "Where is my order?" }, { callbacks: [factory.tracker] });
  expect(state.notes).toEqual(["analysed", "researched", "cross-checked", "from the handbook", "directly"]);
});

describe("a LangGraph graph with nodes on both providers", () => {
  test("every call reaches its stand-in once and is recorded once (the tracker on the model and on the graph)", () => {
    expect(servers.bedrock.requests.map((request) => request.modelId)).toEqual([
      "anthropic.claude-3-5-sonnet-20241022-v2:0",
      "anthropic.claude-3-haiku-20240307-v1:0",
      "anthropic.claude-3-haiku-20240307-v1:0",
    ]);
    expect(servers.openai.requests.map((request) => request.modelId)).toEqual(["gpt-4-turbo", "gpt-4o"]);
    expect(factory.tracker.calls.map((call) => [call.node, call.role])).toEqual([
      ["analysis", "orchestrator_analysis"],
      ["research", "rag"],
      ["research", "hybrid"],
      ["answer", "cag"],
      ["answer", "direct"],
    ]);
  });

  test("per-node totals equal the scripted usage times the prices", () => {
    const { byNode } = factory.tracker.totals();
    expect(Object.keys(byNode).sort()).toEqual(["analysis", "answer", "research"]);
    expectBucket(byNode.analysis, EXPECTED.analysis);
    expectBucket(byNode.research, sum(EXPECTED.rag, EXPECTED.hybrid));
    expectBucket(byNode.answer, sum(EXPECTED.cag, EXPECTED.direct));
  });

  test("per-role totals equal the scripted usage times the prices", () => {
    const { byRole } = factory.tracker.totals();
    expect(Object.keys(byRole).sort()).toEqual(["cag", "direct", "hybrid", "orchestrator_analysis", "rag"]);
    expectBucket(byRole.orchestrator_analysis, EXPECTED.analysis);
    expectBucket(byRole.rag, EXPECTED.rag);
    expectBucket(byRole.hybrid, EXPECTED.hybrid);
    expectBucket(byRole.cag, EXPECTED.cag);
    expectBucket(byRole.direct, EXPECTED.direct);
  });

  test("per-model totals (OpenAI as the answered snapshot) and the grand total", () => {
    const totals = factory.tracker.totals();
    expect(Object.keys(totals.byModel).sort()).toEqual([
      "anthropic.claude-3-5-sonnet-20241022-v2:0",
      "anthropic.claude-3-haiku-20240307-v1:0",
      "gpt-4-turbo-2024-04-09",
      "gpt-4o-2024-08-06",
    ]);
    expectBucket(totals.byModel["anthropic.claude-3-5-sonnet-20241022-v2:0"], EXPECTED.analysis);
    expectBucket(totals.byModel["anthropic.claude-3-haiku-20240307-v1:0"], sum(EXPECTED.cag, EXPECTED.direct));
    expectBucket(totals.byModel["gpt-4-turbo-2024-04-09"], EXPECTED.rag);
    expectBucket(totals.byModel["gpt-4o-2024-08-06"], EXPECTED.hybrid);
    expectBucket(totals, sum(...Object.values(EXPECTED)));
    expect([totals.unpriced, totals.estimated]).toEqual([0, 0]);
  });

  test("an embeddings call through the factory adds to the same tracker under its role", async () => {
    const before = factory.tracker.totals().costUsd;
    const result = await factory.forRole(AgentRole.EMBEDDINGS).embed({ texts: ["refund policy", "shipping times"] });
    const { byRole, costUsd } = factory.tracker.totals();
    const expected = { costUsd: (result.tokensInput * PRICE.embedding3large.input) / M, tokensInput: result.tokensInput, tokensOutput: 0, calls: 1 };
    expect(result.tokensInput).toBeGreaterThan(0);
    expectBucket(byRole.embeddings, expected);
    expect(Math.abs(costUsd - before - expected.costUsd)).toBeLessThan(1e-9);
  });

  test("report() lists nodes, roles and models with formatted costs and shares of the total", () => {
    const report = factory.tracker.report();
    const total = sum(...Object.values(EXPECTED)).costUsd;
    expect(total).toBeCloseTo(0.0349425, 12);
    expect(report).toContain("LLM cost: $0.0349 over 5 call(s), 8,100 tokens in / 710 out");
    const line = (name: string) => report.split("\n").find((text) => text.startsWith(`${name} `))?.split(/\s+/);
    expect(line("research")).toEqual(["research", "2", "3,500", "420", "$0.02828", "80.9%"]);
    expect(line("analysis")).toEqual(["analysis", "1", "3,500", "40", "$0.00607", "17.4%"]);
    expect(line("answer")).toEqual(["answer", "2", "1,100", "250", "$0.00059", "1.7%"]);
    expect(line("orchestrator_analysis")).toEqual(["orchestrator_analysis", "1", "3,500", "40", "$0.00607", "17.4%"]);
    expect(line("direct")).toEqual(["direct", "1", "300", "50", "$0.00014", "0.4%"]);
    expect(line("gpt-4-turbo-2024-04-09")).toEqual(["gpt-4-turbo-2024-04-09", "1", "1,500", "300", "$0.02400", "68.7%"]);
    expect(line("anthropic.claude-3-haiku-20240307-v1:0")).toEqual(["anthropic.claude-3-haiku-20240307-v1:0", "2", "1,100", "250", "$0.00059", "1.7%"]);
    for (const heading of ["by node", "by role", "by model"]) expect(report).toContain(heading);
    expect(report).not.toMatch(/estimated|UNPRICED/);
  });
});
