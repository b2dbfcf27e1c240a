import { readdirSync } from "node:fs";
import { Client } from "pg";
import { startPostgresServer, type PostgresServer } from "../../scripts/postgres/postgres-server";
import { postgresLedger } from "../../src/ledger/postgres-ledger";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { freshStore, type TestStore } from "../helpers/ledger-stores";
import { drain, QUESTION } from "../reliability/support/outcomes";
import { useRig } from "../reliability/support/rigs";

jest.setTimeout(90_000);

describe("a PostgreSQL server stopped and started again while calls run", () => {
  const openai = useRig("openai");
  let server: PostgresServer;
  let folder: TestStore;
  beforeAll(async () => {
    folder = await freshStore("SQLite"); // for its temp folder: the spool goes there
    server = await startPostgresServer(); // a server of this test's own: the shared one keeps running
  });
  afterAll(async () => {
    await server?.stop();
    await folder?.remove();
  });

  test("no row is lost and none is written twice: rows written while it is away are spooled and replayed once it is back", async () => {
    const ledger = postgresLedger({ connectionString: server.url, spoolDir: folder.dir });
    const tracker = new CostTracker({ ledger, maxCalls: Infinity });
    const provider = openai.provider({ tracker });
    const spoolFiles = () => readdirSync(folder.dir).filter((name) => name.startsWith(".orchestratai-ledger-"));
    const costs: number[] = [];
    let spooledWhileAway = false;
    const call = async (index: number): Promise<void> => {
      openai.server.reply({ text: "Paris.", usage: { inputTokens: 50 + index, outputTokens: 5 + (index % 7) } });
      if (index % 2 === 0) costs.push((await provider.complete({ messages: QUESTION })).cost);
      else costs.push((await drain(provider.stream({ messages: QUESTION }))).chunks.at(-1)!.result!.cost);
    };
    for (let round = 0; round < 30; round++) {
      const stopping = round === 10 ? server.stop({ removeData: false }) : undefined; // while three calls are in flight
      await Promise.all([0, 1, 2].map((offset) => call(round * 3 + offset)));
      await stopping;
      if (round === 19) {
        spooledWhileAway = spoolFiles().length > 0;
        server = await startPostgresServer({ baseDir: server.baseDir, port: server.port });
      }
    }
    expect(spooledWhileAway).toBe(true);

    const deadline = Date.now() + 20_000;
    while ((await ledger.totals()).calls < 90 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const totals = await ledger.totals();
    expect(totals.calls).toBe(90);
    expect(Math.abs(totals.costUsd - costs.reduce((sum, cost) => sum + cost, 0))).toBeLessThanOrEqual(1e-12);
    await ledger.close();
    expect(spoolFiles()).toEqual([]);

    // Every id once, and exactly the calls the tracker billed (read through a connection of the test's own).
    const client = new Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query<{ id: string; n: number }>("SELECT id, count(*)::int AS n FROM orchestratai_llm_calls GROUP BY id").finally(() => client.end());
    expect(rows.filter((row) => row.n !== 1)).toEqual([]);
    expect(rows.map((row) => row.id).sort()).toEqual(tracker.calls.map((c) => c.id).sort());
  });
});
