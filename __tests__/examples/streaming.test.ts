import { main, OFFLINE_TEXTS } from "../../examples/streaming";

describe("examples/streaming", () => {
  test("tokens stream from the graph node and from provider.stream, each call's cost arriving after its last token", async () => {
    let printed = "";
    const run = await main({ print: (text) => (printed += text) });

    const tokens = (source: string) => run.events.flatMap((event) => (event.kind === "token" && event.source === source ? [event.text] : []));
    expect(tokens("graph:respond").join("")).toBe(OFFLINE_TEXTS.graph);
    expect(tokens("graph:respond").length).toBeGreaterThan(3);
    expect(tokens("provider:rag").join("")).toBe(OFFLINE_TEXTS.provider);
    expect(tokens("provider:rag").length).toBeGreaterThan(3);
    expect(run.graphText).toBe(OFFLINE_TEXTS.graph);

    const kinds = run.events.map((event) => (event.kind === "token" ? event.source : `cost:${event.role}`));
    const lastGraphToken = kinds.lastIndexOf("graph:respond");
    const lastProviderToken = kinds.lastIndexOf("provider:rag");
    expect(kinds.indexOf("cost:direct")).toBe(lastGraphToken + 1);
    expect(kinds.indexOf("cost:rag")).toBe(lastProviderToken + 1);
    expect(kinds.filter((kind) => kind.startsWith("cost:"))).toEqual(["cost:direct", "cost:rag"]);

    const { providerResult, totals } = run;
    expect([providerResult.content, providerResult.model, providerResult.estimated]).toEqual([OFFLINE_TEXTS.provider, "gpt-4-turbo-2024-04-09", false]);
    expect(providerResult.cost).toBeCloseTo((providerResult.tokensInput * 10 + providerResult.tokensOutput * 30) / 1e6, 12);
    expect(totals.byRole.rag?.costUsd).toBe(providerResult.cost);
    const haiku = totals.byNode.respond!;
    expect(haiku.costUsd).toBeCloseTo((haiku.tokensInput * 0.25 + haiku.tokensOutput * 1.25) / 1e6, 12);
    expect(totals.calls).toBe(2);

    expect(printed).toContain(`graph node "respond": ${OFFLINE_TEXTS.graph}\n[cost direct: $`);
    expect(printed).toContain(`provider.stream (rag): ${OFFLINE_TEXTS.provider}\n[cost rag: $`);
    expect(printed.endsWith(`${run.report}\n`)).toBe(true);
  });
});
