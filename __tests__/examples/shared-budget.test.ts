import { main, TENANT_BUDGET, TICKETS } from "../../examples/shared-budget";

describe("examples/shared-budget", () => {
  let consoleError: jest.SpyInstance;
  beforeEach(() => {
    consoleError = jest.spyOn(console, "error").mockImplementation(() => {}); // LangChain logs each refusal
  });
  afterEach(() => consoleError.mockRestore());

  test("two workers share each tenant's daily budget: acme is refused once it is spent, beta is not; the ledger has every call", async () => {
    const lines: string[] = [];
    const run = await main({ log: (line) => lines.push(line) });

    expect(run.outcomes).toHaveLength(TICKETS.length);
    expect(new Set(run.outcomes.map((outcome) => outcome.worker))).toEqual(new Set([1, 2]));
    const acme = run.outcomes.filter((outcome) => outcome.ticket.tenant === "acme");
    const beta = run.outcomes.filter((outcome) => outcome.ticket.tenant === "beta");
    expect(beta.map((outcome) => outcome.refusedBy)).toEqual([undefined, undefined, undefined]);
    expect(beta.every((outcome) => outcome.answer?.startsWith("Stand-in reply to: How do I"))).toBe(true);
    const refused = acme.filter((outcome) => outcome.refusedBy !== undefined);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThan(acme.length);
    expect(new Set(refused.map((outcome) => outcome.refusedBy))).toEqual(new Set(["tenant acme: $0.0020 a day"]));

    const { groups } = run.totals;
    expect(groups!.acme!.costUsd).toBeLessThanOrEqual(TENANT_BUDGET.usd);
    expect(groups!.beta!.calls).toBe(6); // triage and answer of each ticket
    expect(groups!.acme!.calls).toBeGreaterThanOrEqual(2 * (acme.length - refused.length));
    expect(run.totals.calls).toBe(groups!.acme!.calls + groups!.beta!.calls);
    expect(Object.keys(run.totals.byNode).sort()).toEqual(["respond", "triage"]);
    expect(run.report).toMatch(/\nby tenant +calls +tokens in +tokens out +cost +share\n/);
    expect(lines.some((line) => /^worker [12] {2}acme-\d: refused, over the budget tenant acme: \$0\.0020 a day$/.test(line))).toBe(true);
  });
});
