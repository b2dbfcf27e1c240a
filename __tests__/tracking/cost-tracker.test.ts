import { o200kEncode as encode } from "../helpers/reference-tokens";
import { BudgetExceededError } from "../../src/errors";
import { CostTracker } from "../../src/tracking/cost-tracker";
import type { TrackedCall } from "../../src/tracking/totals";
import { ScriptedChatModel, type ScriptedAnswer } from "../helpers/scripted-chat-model";

const usage = (input: number, output: number, cacheRead = 0, cacheWrite = 0) => ({
  input_tokens: input,
  output_tokens: output,
  total_tokens: input + output,
  input_token_details: { cache_read: cacheRead, cache_creation: cacheWrite },
});

function model(answers: ScriptedAnswer[], name = "gpt-4o", lsProvider = "openai") {
  return new ScriptedChatModel({ answers, model: name, lsProvider });
}

describe("CostTracker", () => {
  it("prices an OpenAI-style call with cached tokens at the cached rate, without double counting", async () => {
    const tracker = new CostTracker();
    await model([{ text: "hi", usage: usage(1000, 500, 200), model: "gpt-4o-2024-08-06" }]).invoke("q", { callbacks: [tracker] });
    const [call] = tracker.calls;
    // 800 × $2.50 + 200 × $1.25 + 500 × $10, per 1M tokens
    expect(call!.cost).toBeCloseTo((800 * 2.5 + 200 * 1.25 + 500 * 10) / 1e6, 15);
    expect(call).toMatchObject({ model: "gpt-4o-2024-08-06", provider: "openai", tokensInput: 1000, tokensOutput: 500, estimated: false, priced: true });
    expect(call!.usage).toEqual({ input: 1000, output: 500, cacheRead: 200, cacheWrite: 0 });
  });

  it("prices a Bedrock call with cache reads and writes at their own rates", async () => {
    const tracker = new CostTracker();
    const bedrock = model([{ text: "ok", usage: usage(1500, 100, 300, 200) }], "anthropic.claude-3-5-sonnet-20241022-v2:0", "amazon_bedrock");
    await bedrock.invoke("q", { callbacks: [tracker] });
    expect(tracker.calls[0]!.cost).toBeCloseTo((1000 * 3 + 300 * 0.3 + 200 * 3.75 + 100 * 15) / 1e6, 15);
    expect(tracker.calls[0]!.provider).toBe("bedrock");
    expect(tracker.calls[0]!.model).toBe("anthropic.claude-3-5-sonnet-20241022-v2:0");
  });

  it("prices by the answered snapshot, which may differ from the family", async () => {
    const tracker = new CostTracker();
    await model([{ text: "x", usage: usage(100, 100), model: "gpt-4o-2024-05-13" }]).invoke("q", { callbacks: [tracker] });
    expect(tracker.calls[0]!.cost).toBeCloseTo((100 * 5 + 100 * 15) / 1e6, 15);
  });

  it("records an unknown model as unpriced, never as a silent $0", async () => {
    const tracker = new CostTracker();
    await model([{ text: "x", usage: usage(10, 20) }], "mystery-model").invoke("q", { callbacks: [tracker] });
    expect(tracker.calls[0]).toMatchObject({ priced: false, cost: 0, tokensInput: 10, tokensOutput: 20 });
    expect(tracker.totals()).toMatchObject({ unpriced: 1, calls: 1, costUsd: 0 });
    expect(tracker.report()).toContain("1 call(s) UNPRICED");
  });

  it("uses prices given as an option over the built-in table", async () => {
    const tracker = new CostTracker({ pricing: { "mystery-model": { input: 1, output: 2 } } });
    await model([{ text: "x", usage: usage(1_000_000, 500_000) }], "mystery-model").invoke("q", { callbacks: [tracker] });
    expect(tracker.calls[0]!.cost).toBeCloseTo(1 + 1, 12);
  });

  it("records a run once when the same tracker is attached to the model and to the call", async () => {
    const tracker = new CostTracker();
    const chat = new ScriptedChatModel({ answers: [{ text: "a b c", usage: usage(5, 3) }], model: "gpt-4o", callbacks: [tracker] });
    const chunks: string[] = [];
    for await (const chunk of await chat.stream("q", { callbacks: [tracker] })) chunks.push(String(chunk.content));
    expect(chunks.join("")).toBe("a b c");
    expect(tracker.calls).toHaveLength(1);
    expect(tracker.calls[0]!.tokensInput).toBe(5);
  });

  it("records a stream cut off part-way as an estimated call counted locally", async () => {
    const tracker = new CostTracker();
    const chat = model([{ text: "alpha beta gamma delta", usage: usage(99, 99), failAfterChunks: 2 }]);
    await expect(async () => {
      for await (const _ of await chat.stream([["user", "Count these words"]], { callbacks: [tracker] })) void _;
    }).rejects.toThrow("terminated");
    const [call] = tracker.calls;
    // OpenAI framing: 3 per message + role + content, +3 reply priming; output = tokens received.
    expect(call).toMatchObject({
      estimated: true,
      content: "alpha beta ",
      tokensOutput: encode("alpha beta ").length,
      tokensInput: 3 + encode("user").length + encode("Count these words").length + 3,
    });
    expect(call!.cost).toBeCloseTo((call!.tokensInput * 2.5 + call!.tokensOutput * 10) / 1e6, 15);
  });

  it("records nothing for a call that failed before any output", async () => {
    const tracker = new CostTracker();
    await expect(model([]).invoke("q", { callbacks: [tracker] })).rejects.toThrow("no answer left");
    expect(tracker.calls).toHaveLength(0);
  });

  it("keeps labels well-formed: half an emoji (a lone surrogate) in a role, node or thread becomes U+FFFD", async () => {
    const tracker = new CostTracker();
    const cut = "rag 🚀".slice(0, -1);
    await model([{ text: "1", usage: usage(100, 10) }]).invoke("q", { callbacks: [tracker], metadata: { role: cut, langgraph_node: `${cut}!`, thread_id: "\udc00t" } });
    const [call] = tracker.calls;
    expect([call?.role, call?.node, call?.threadId]).toEqual(["rag \uFFFD", "rag \uFFFD!", "\uFFFDt"]);
    expect(Object.keys(tracker.totals().byRole)).toEqual(["rag \uFFFD"]);
  });

  it("attributes calls to roles and LangGraph nodes from run metadata and fires onResult once per call", async () => {
    const seen: TrackedCall[] = [];
    const tracker = new CostTracker({ onResult: (call) => seen.push(call) });
    const chat = model([
      { text: "1", usage: usage(100, 10) },
      { text: "2", usage: usage(200, 20) },
      { text: "3", usage: usage(300, 30) },
    ]);
    await chat.invoke("q", { callbacks: [tracker], metadata: { role: "rag", langgraph_node: "retrieve" } });
    await chat.invoke("q", { callbacks: [tracker], metadata: { role: "rag", langgraph_node: "answer" } });
    await chat.invoke("q", { callbacks: [tracker], metadata: { role: "direct" } });
    expect(seen).toHaveLength(3);
    const totals = tracker.totals();
    expect(totals.byRole.rag).toEqual({ calls: 2, tokensInput: 300, tokensOutput: 30, costUsd: expect.closeTo((300 * 2.5 + 30 * 10) / 1e6, 15) });
    expect(totals.byNode).toEqual({
      retrieve: { calls: 1, tokensInput: 100, tokensOutput: 10, costUsd: expect.closeTo((100 * 2.5 + 10 * 10) / 1e6, 15) },
      answer: { calls: 1, tokensInput: 200, tokensOutput: 20, costUsd: expect.closeTo((200 * 2.5 + 20 * 10) / 1e6, 15) },
    });
    expect(totals.byModel["gpt-4o"]!.calls).toBe(3);
    const report = tracker.report();
    expect(report).toContain("by node");
    expect(report).toContain("retrieve");
    expect(report).toContain("by role");
    expect(report).toMatch(/rag\s+2\s+300\s+30\s+\$0\.0010\s+50\.0%/);
    tracker.reset();
    expect(tracker.totals()).toMatchObject({ calls: 0, costUsd: 0 });
  });

  it("stops the next call before it starts once spend reaches the budget", async () => {
    // Nothing reserved for output: the first call's worst case is its input alone, so it is admitted and overspends.
    const tracker = new CostTracker({ budgetUsd: 0.005, reserveOutputTokens: 0 });
    const chat = model([{ text: "1", usage: usage(1000, 500) }, { text: "2", usage: usage(1, 1) }]);
    await chat.invoke("q", { callbacks: [tracker] });
    const error: unknown = await chat.invoke("q", { callbacks: [tracker] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect((error as BudgetExceededError).message).toBe(
      "Budget exceeded: $0.0075 spent of a $0.0050 budget. Raise budgetUsd or call tracker.reset() to continue.",
    );
    expect(chat.answers).toHaveLength(1); // the second answer was never asked for
  });

  it("keeps concurrent runs apart and leaves no state behind", async () => {
    const tracker = new CostTracker();
    const answers = Array.from({ length: 50 }, (_, i) => ({ text: `a${i}`, usage: usage(10 + i, 1) }));
    const chat = model(answers);
    await Promise.all(answers.map(() => chat.invoke("q", { callbacks: [tracker] })));
    const totals = tracker.totals();
    expect(totals.calls).toBe(50);
    expect(totals.tokensInput).toBe(50 * 10 + (49 * 50) / 2);
    expect(totals.costUsd).toBeCloseTo((totals.tokensInput * 2.5 + 50 * 10) / 1e6, 12);
    expect((tracker as unknown as { inFlight: Map<string, unknown> }).inFlight.size).toBe(0);
    expect(totals.reservedUsd).toBe(0);
  });

  it("estimates a call whose model reported no usage and marks it so", async () => {
    const tracker = new CostTracker();
    await model([{ text: "hello there" }]).invoke([["user", "hi"]], { callbacks: [tracker] });
    expect(tracker.calls[0]).toMatchObject({ estimated: true, tokensOutput: encode("hello there").length, tokensInput: 3 + 1 + 1 + 3 });
    expect(tracker.totals().estimated).toBe(1);
    expect(tracker.report()).toContain("1 call(s) estimated");
  });
});
