import { main, SAMPLE_TICKET } from "../../examples/lcel-chain";

describe("examples/lcel-chain", () => {
  test("triages with structured output on Bedrock and replies through a string parser on OpenAI, both priced", async () => {
    const lines: string[] = [];
    const run = await main({ log: (line) => lines.push(line) });

    // Offline, the Bedrock stand-in answers the forced tool with a value generated from the zod schema.
    expect(run.triage).toEqual({ category: "billing", urgency: 1, summary: "sample summary" });
    expect(run.reply).toBe(`Stand-in reply to: ${SAMPLE_TICKET.split(" ").slice(0, 12).join(" ")}`);

    expect(Object.keys(run.totals.byRole).sort()).toEqual(["hybrid", "orchestrator_analysis"]);
    expect(Object.keys(run.totals.byModel).sort()).toEqual(["anthropic.claude-3-5-sonnet-20241022-v2:0", "gpt-4o-2024-08-06"]);
    const sonnet = run.totals.byModel["anthropic.claude-3-5-sonnet-20241022-v2:0"]!;
    expect(sonnet.costUsd).toBeCloseTo((sonnet.tokensInput * 3 + sonnet.tokensOutput * 15) / 1e6, 12);
    const gpt4o = run.totals.byModel["gpt-4o-2024-08-06"]!;
    expect(gpt4o.costUsd).toBeCloseTo((gpt4o.tokensInput * 2.5 + gpt4o.tokensOutput * 10) / 1e6, 12);
    expect(run.totals.calls).toBe(2);

    expect(lines).toEqual([run.where, 'triage: {"category":"billing","urgency":1,"summary":"sample summary"}', `reply: ${run.reply}`, run.report]);
    expect(run.where).toMatch(/^offline: stand-in servers at http:\/\/127\.0\.0\.1:\d+ \(OpenAI\)/);
  });
});
