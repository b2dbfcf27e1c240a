import { costsCommand } from "../../src/cli/costs-command";
import { runCli } from "../../src/cli/run-cli";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { freshStore, STORE_KINDS, type TestStore } from "../helpers/ledger-stores";
import { QUESTION } from "../reliability/support/outcomes";
import { useRig } from "../reliability/support/rigs";

/** Runs the command line, collecting what it prints. */
async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const printed = { out: "", err: "" };
  const code = await runCli(argv, { out: (text) => (printed.out += text), err: (text) => (printed.err += text) });
  return { code, ...printed };
}

describe.each(STORE_KINDS)("orchestratai-llm costs on a %s ledger", (kind) => {
  const openai = useRig("openai");
  let store: TestStore;
  beforeAll(async () => {
    store = await freshStore(kind);
    const ledger = store.ledger({ dimensions: ["tenant"] });
    const provider = openai.provider({ tracker: new CostTracker({ ledger }) });
    for (const [tenant, langgraph_node, input] of [["acme", "plan", 1000], ["acme", "answer", 2000], ["beta", "answer", 4000]] as const) {
      openai.server.reply({ usage: { inputTokens: input, outputTokens: 100 } });
      await provider.complete({ messages: QUESTION, metadata: { tenant, langgraph_node } });
    }
    await ledger.close();
  });
  afterAll(() => store.remove());

  test("prints the ledger's report, over a window and by a key", async () => {
    const reader = store.ledger();
    const query = { since: "24h", by: "tenant" };
    const expected = await reader.report(query);
    await reader.close();
    const { code, out, err } = await cli(["costs", "--ledger", store.where, "--since", "24h", "--by", "tenant"]);
    expect([code, err]).toEqual([0, ""]);
    expect(out).toBe(`${expected}\n`);
    expect(out).toContain("by tenant  calls  tokens in  tokens out");
    expect(out.split("\n")[0]).toBe("LLM cost: $0.0205 over 3 call(s), 7,000 tokens in / 300 out");
  });

  test("--json prints totals(), --where filters, --until bounds", async () => {
    const { code, out } = await cli(["costs", "--ledger", store.where, "--json", "--where", "tenant=acme", "--by", "node"]);
    expect(code).toBe(0);
    const totals = JSON.parse(out) as { calls: number; costUsd: number; groups: Record<string, { calls: number }> };
    expect([totals.calls, totals.groups.plan!.calls, totals.groups.answer!.calls]).toEqual([2, 1, 1]);
    expect(totals.costUsd).toBeCloseTo((3000 * 2.5 + 200 * 10) / 1e6, 15);
    expect(JSON.parse((await cli(["costs", "--ledger", store.where, "--json", "--until", "2000-01-01"])).out).calls).toBe(0);
  });

  test("a bad query is an error on stderr, exit code 1", async () => {
    expect(await cli(["costs", "--ledger", store.where, "--by", "team"])).toEqual({
      code: 1,
      out: "",
      err: '"team" is not a key of this ledger: use role, node, model, requestedModel, thread, provider, kind or a recorded dimension (recorded: tenant).\n',
    });
    expect((await cli(["costs", "--ledger", store.where, "--where", "tenant"])).err).toBe('--where takes key=value (e.g. --where tenant=acme); got "tenant".\n');
  });
});

describe("orchestratai-llm command line", () => {
  test("help, a missing --ledger, an unknown option or command: usage and exit code 2 (0 for help)", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: orchestratai-llm <command> \[options\]/);
    expect(help.out).toContain("Usage: orchestratai-llm costs --ledger <sqlite file | postgres url> [options]");
    expect((await cli([])).code).toBe(2);
    expect(await cli(["costs", "--help"])).toEqual({ code: 0, out: expect.stringContaining("--since <when>"), err: "" });
    expect(await cli(["costs"])).toEqual({ code: 2, out: "", err: expect.stringMatching(/^--ledger is required\.\n\nUsage: orchestratai-llm costs/) });
    expect(await cli(["costs", "--ledger", "x.db", "--tenant", "acme"])).toEqual({ code: 2, out: "", err: expect.stringMatching(/^Unknown option '--tenant'/) });
    expect(await cli(["spend"])).toEqual({ code: 2, out: "", err: expect.stringMatching(/^Unknown command "spend"\./) });
  });

  test("a SQLite file that does not exist is not created: an error says what to give", async () => {
    const printed: string[] = [];
    const code = await costsCommand(["--ledger", "/nonexistent/costs.db"], { out: () => undefined, err: (text) => printed.push(text) });
    expect([code, printed]).toEqual([1, ["No ledger at /nonexistent/costs.db: give the SQLite file a tracker writes to, or a postgresql:// url.\n"]]);
  });

  test("a PostgreSQL server that does not answer: the driver's reason, exit code 1", async () => {
    const { code, err } = await cli(["costs", "--ledger", "postgresql://app@127.0.0.1:1/none"]);
    expect(code).toBe(1);
    expect(err).toMatch(/^The ledger could not be read: .*ECONNREFUSED/);
  });
});
