import type { RunnableConfig } from "@langchain/core/runnables";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { BudgetExceededError } from "../../src/errors";
import { AgentRole, ProviderFactory } from "../../src/factory";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { rejectionOf } from "../helpers/rejection";
import { useOfflineServers } from "../helpers/stand-ins";

/**
 * 700 in + 100 out on gpt-4-turbo ($10 / $30 per 1M) = $0.0100, over the $0.0050 budget: admitted
 * because the tracker reserves no output for calls without maxTokens (reserveOutputTokens: 0).
 */
const OVER_BUDGET = { inputTokens: 700, outputTokens: 100 };
const MESSAGE = "Budget exceeded: $0.0100 spent of a $0.0050 budget. Raise budgetUsd or call tracker.reset() to continue.";

const servers = useOfflineServers();
let factory: ProviderFactory;
/** LangChain logs every error a raiseError handler throws to console.error before rethrowing it. */
let consoleError: jest.SpyInstance;

beforeEach(async () => {
  consoleError = jest.spyOn(console, "error").mockImplementation(() => {});
  factory = new ProviderFactory({ env: servers.env, tracker: new CostTracker({ budgetUsd: 0.005, reserveOutputTokens: 0 }) });
  servers.openai.reply({ text: "spent", usage: OVER_BUDGET });
  await factory.runnableFor(AgentRole.RAG).invoke("first call");
  expect(factory.tracker.totals().costUsd).toBeCloseTo(0.01, 12);
});

afterEach(() => {
  for (const [line] of consoleError.mock.calls) expect(String(line)).toContain(MESSAGE);
  consoleError.mockRestore();
});

function requestCounts() {
  return [servers.openai.requests.length, servers.bedrock.requests.length];
}

describe("once spend reaches budgetUsd, the next call fails before any request", () => {
  test("a direct call through runnableFor, on either provider", async () => {
    for (const role of [AgentRole.RAG, AgentRole.DIRECT]) {
      const error = await rejectionOf(factory.runnableFor(role).invoke("one more"), BudgetExceededError);
      expect(error.message).toBe(MESSAGE);
      expect([error.spentUsd, error.budgetUsd]).toEqual([factory.tracker.totals().costUsd, 0.005]);
    }
    expect(requestCounts()).toEqual([1, 0]);
    expect(factory.tracker.calls).toHaveLength(1);
  });

  test("provider.complete and provider.stream", async () => {
    const provider = factory.forRole(AgentRole.CAG);
    expect((await rejectionOf(provider.complete({ messages: [{ role: "user", content: "hi" }] }), BudgetExceededError)).message).toBe(MESSAGE);
    const streaming = (async () => {
      for await (const _chunk of provider.stream({ messages: [{ role: "user", content: "hi" }] })) {
        // a chunk would mean a request went out
      }
    })();
    expect((await rejectionOf(streaming, BudgetExceededError)).message).toBe(MESSAGE);
    expect(requestCounts()).toEqual([1, 0]);
  });

  test("inside a LangGraph node, the graph run fails with the same error", async () => {
    const State = Annotation.Root({ question: Annotation<string>(), answer: Annotation<string>() });
    const graph = new StateGraph(State)
      .addNode("respond", async (state, config?: RunnableConfig) => ({
        answer: (await factory.runnableFor(AgentRole.ORCHESTRATOR_GUIDE).invoke(state.question, config)).text,
      }))
      .addEdge(START, "respond")
      .addEdge("respond", END)
      .compile();
    expect((await rejectionOf(graph.invoke({ question: "still there?" }), BudgetExceededError)).message).toBe(MESSAGE);
    expect(requestCounts()).toEqual([1, 0]);
    expect(factory.tracker.calls).toHaveLength(1);
  });

  test("tracker.reset() lifts the stop", async () => {
    factory.tracker.reset();
    servers.bedrock.reply({ text: "back", usage: { inputTokens: 10, outputTokens: 2 } });
    expect((await factory.runnableFor(AgentRole.DIRECT).invoke("again")).text).toBe("back");
    expect(requestCounts()).toEqual([1, 1]);
    expect(factory.tracker.calls.map((call) => call.role)).toEqual(["direct"]);
  });
});
