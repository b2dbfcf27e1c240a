import { main, routeOf, SAMPLE_QUESTIONS, SCRIPTED_OFFLINE } from "../../examples/langgraph-router";
import type { CostBucket } from "../../src/tracking/totals";

/** USD per 1M tokens (input, output) of the models the router uses, none with cache parts here. */
const PRICES: Record<string, [number, number]> = {
  "anthropic.claude-3-5-sonnet-20241022-v2:0": [3, 15],
  "anthropic.claude-3-haiku-20240307-v1:0": [0.25, 1.25],
  "gpt-4-turbo-2024-04-09": [10, 30],
};

function expectPriced(model: string, bucket: CostBucket | undefined): void {
  const [input, output] = PRICES[model]!;
  if (bucket === undefined) throw new Error(`no cost bucket for ${model}`);
  expect(Math.abs(bucket!.costUsd - (bucket!.tokensInput * input + bucket!.tokensOutput * output) / 1e6)).toBeLessThan(1e-12);
}

describe("examples/langgraph-router", () => {
  test("routes each sample question to its node, answers it and prices every call by node, role and model", async () => {
    const lines: string[] = [];
    const run = await main({ log: (line) => lines.push(line) });

    expect(run.answers.map(({ route, sources }) => [route, sources])).toEqual([
      ["rag", ["refunds"]],
      ["cag", []],
      ["direct", []],
      ["guide", []],
    ]);
    expect(run.answers.map(({ question, answer }) => [question, answer])).toEqual(
      SAMPLE_QUESTIONS.map(({ text }) => [text, `Stand-in reply to: ${text}`]),
    );

    const { totals } = run;
    expect(totals.calls).toBe(9);
    expect(Object.fromEntries(Object.entries(totals.byNode).map(([node, bucket]) => [node, bucket.calls]))).toEqual({
      analysis: 4,
      rag: 2,
      cag: 1,
      direct: 1,
      guide: 1,
    });
    expect(Object.fromEntries(Object.entries(totals.byRole).map(([role, bucket]) => [role, bucket.calls]))).toEqual({
      orchestrator_analysis: 4,
      rag: 2,
      cag: 1,
      direct: 1,
      orchestrator_guide: 1,
    });
    expect(Object.keys(totals.byModel).sort()).toEqual(Object.keys(PRICES).sort());
    for (const [model, bucket] of Object.entries(totals.byModel)) expectPriced(model, bucket);
    const byModelCost = Object.values(totals.byModel).reduce((sum, bucket) => sum + bucket.costUsd, 0);
    expect(Math.abs(totals.costUsd - byModelCost)).toBeLessThan(1e-12);
    expect(totals.costUsd).toBeGreaterThan(0);

    const [where, ...scripted] = lines[0]!.split("\n");
    expect(where).toMatch(/^offline: stand-in servers at http:\/\/127\.0\.0\.1:\d+ \(OpenAI\) and http:\/\/127\.0\.0\.1:\d+ \(Bedrock\); no real API is called$/);
    expect(scripted.join("\n")).toBe(SCRIPTED_OFFLINE);
    expect(lines[1]).toBe(
      "Q: Can I get a refund for a damaged item?\n   route: rag (sources: refunds)\n   A: Stand-in reply to: Can I get a refund for a damaged item?",
    );
    expect(lines[4]).toBe("Q: What can you help me with?\n   route: guide\n   A: Stand-in reply to: What can you help me with?");
    expect(lines[5]).toBe(run.report);
    expect(run.report).toMatch(/^LLM cost: \$\d+\.\d+ over 9 call\(s\)/);
    for (const name of ["analysis", "orchestrator_guide", "gpt-4-turbo-2024-04-09"]) expect(run.report).toContain(name);
  });

  test("the offline route of a question is what the graph takes", async () => {
    const run = await main({ questions: [{ text: "Who are you?", offlineRoute: "guide" }, { text: "How long does express shipping take?", offlineRoute: "rag" }] });
    expect(run.answers.map((answer) => [answer.route, answer.sources])).toEqual([
      ["guide", []],
      ["rag", ["shipping", "refunds"]],
    ]);
    expect(run.totals.byNode.rag?.calls).toBe(2);
  });

  test.each([
    ["rag", "rag"],
    ["CAG.", "cag"],
    ["I would send this to guide", "guide"],
    ["Direct", "direct"],
    ["no idea", "direct"],
    ["ragged", "direct"],
  ])("routeOf(%j) is %s", (text, route) => {
    expect(routeOf(text)).toBe(route);
  });
});
