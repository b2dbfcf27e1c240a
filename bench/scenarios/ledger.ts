import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createScratchDatabase } from "../../scripts/postgres/scratch-database";
import { startPostgresServer } from "../../scripts/postgres/postgres-server";
import { postgresLedger } from "../../src/ledger/postgres-ledger";
import { sqliteLedger } from "../../src/ledger/sqlite-ledger";
import type { Budget, CostLedger } from "../../src/ledger/ledger-types";
import { BedrockProvider } from "../../src/providers/bedrock/bedrock-provider";
import { OpenAIProvider } from "../../src/providers/openai/openai-provider";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { measurePaired, type PairedOptions } from "../paired";
import { comparison, type BenchRow } from "../report";
import type { StandInProcess } from "../stand-in-client";
import { quantile, summarise } from "../stats";
import { bedrockPair, openAIPair, PROMPT, type Endpoints } from "./clients";
import { burst, script, type Burst } from "./load";

/** A budget that never refuses: every call still reserves and settles in the store. */
const BUDGETS: Budget[] = [{ usd: 1e9, window: "day" }];
const CALLS = 1_000;
/** Pairs of bursts (in-memory, PostgreSQL ledger), in alternating order. */
const RUNS = 7;

/** The PostgreSQL server the bench writes to: DATABASE_URL's, or one of its own. */
async function postgresServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, stop: async () => undefined };
  return startPostgresServer();
}

/**
 * What the durable ledger costs a call: OpenAIProvider.complete with a CostTracker on a SQLite
 * ledger and a budget (reserve, then write, in the store), and on a PostgreSQL ledger and a budget,
 * against the in-memory tracker alone; then 1,000 concurrent calls (both providers) with the
 * PostgreSQL ledger against the in-memory tracker, with the ledger's totals checked after each burst.
 */
export async function benchLedger(standIns: StandInProcess, urls: Endpoints, options: PairedOptions): Promise<BenchRow[]> {
  const server = await postgresServer();
  const database = await createScratchDatabase(server.url, "orchestratai_bench");
  const dir = mkdtempSync(path.join(tmpdir(), "orchestratai-bench-ledger-"));
  const ledgers: CostLedger[] = [];
  const ledger = <L extends CostLedger>(made: L): L => (ledgers.push(made), made);
  try {
    const sqlite = ledger(sqliteLedger({ path: path.join(dir, "costs.db"), spoolDir: dir }));
    const postgres = ledger(postgresLedger({ connectionString: database.url, spoolDir: dir, dimensions: ["burst"] }));
    const trackers = {
      memory: new CostTracker(),
      sqlite: new CostTracker({ ledger: sqlite, budgets: BUDGETS }),
      postgres: new CostTracker({ ledger: postgres, budgets: BUDGETS }),
      postgresRowsOnly: new CostTracker({ ledger: postgres }),
    };
    const complete = (tracker: CostTracker) => {
      const provider = new OpenAIProvider({ model: "gpt-4o", apiKey: "sk-bench", baseURL: `${urls.openai}/v1`, maxRetries: 0, tracker });
      return () => provider.complete({ messages: PROMPT, maxTokens: 50 }).then(() => undefined);
    };
    const latency = await measurePaired(
      { memory: complete(trackers.memory), sqlite: complete(trackers.sqlite), postgres: complete(trackers.postgres), postgresRowsOnly: complete(trackers.postgresRowsOnly) },
      { ...options, afterBlock: () => Object.values(trackers).forEach((tracker) => tracker.reset()) },
    );
    const note = "maxTokens 50; the row (with its spend) is committed before complete() returns";
    const baseline = "OpenAIProvider.complete, in-memory CostTracker";
    const rows: BenchRow[] = [
      comparison("ledger", "OpenAIProvider.complete, SQLite ledger + budget", latency.sqlite!, baseline, latency.memory!, { max: 1.25, label: "≤ 1.25×" }, `${note}; the budget reserves the call's worst case in the store before it is sent: two transactions per call`),
      comparison("ledger", "OpenAIProvider.complete, PostgreSQL ledger + budget", latency.postgres!, baseline, latency.memory!, { max: 1.5, label: "≤ 1.5×" }, `${note}; the budget is kept with a lease, room for up to 32 calls renewed in one round trip, so most calls make one round trip (the row)`),
      comparison("ledger", "OpenAIProvider.complete, PostgreSQL ledger, no budget", latency.postgresRowsOnly!, baseline, latency.memory!, undefined, "informational: the row alone (one round trip)"),
    ];
    rows.push(...(await benchConcurrentLedger(standIns, urls, postgres)));
    return rows;
  } finally {
    await Promise.all(ledgers.map((made) => made.close()));
    await database.drop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 1,000 calls at once (500 OpenAI + 500 Bedrock) with the PostgreSQL ledger vs the in-memory tracker: throughput and exact totals. */
async function benchConcurrentLedger(standIns: StandInProcess, urls: Endpoints, ledger: CostLedger): Promise<BenchRow[]> {
  const perKind = CALLS / 2;
  const memory = new CostTracker();
  const durable = new CostTracker({ ledger });
  const providers = (tracker: CostTracker): [OpenAIProvider, BedrockProvider] => [openAIPair(urls, { provider: tracker, raw: tracker }).provider, bedrockPair(urls, { provider: tracker, raw: tracker }).provider];
  const [openaiMemory, bedrockMemory] = providers(memory);
  const [openaiDurable, bedrockDurable] = providers(durable);
  const calls = (openai: OpenAIProvider, bedrock: BedrockProvider, metadata?: Record<string, string>) => [
    ...Array.from({ length: perKind }, () => () => openai.complete({ messages: PROMPT, metadata })),
    ...Array.from({ length: perKind }, () => () => bedrock.complete({ messages: PROMPT, metadata })),
  ];
  await burst(calls(openaiMemory, bedrockMemory).slice(0, 100));
  await burst(calls(openaiDurable, bedrockDurable, { burst: "warm-up" }).slice(0, 100));

  const runs = { memory: [] as Burst[], ledger: [] as Burst[] };
  const errors: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    for (const mode of run % 2 === 0 ? (["memory", "ledger"] as const) : (["ledger", "memory"] as const)) {
      const expected = await script(standIns, perKind);
      memory.reset();
      runs[mode].push(await burst(mode === "memory" ? calls(openaiMemory, bedrockMemory) : calls(openaiDurable, bedrockDurable, { burst: String(run) })));
      const totals = mode === "memory" ? memory.totals() : await ledger.totals({ where: { burst: String(run) } });
      if (totals.calls !== CALLS || Math.abs(totals.costUsd - expected) > 1e-9) errors.push(`${mode} run ${run + 1}: ${totals.calls} calls, $${totals.costUsd} recorded, $${expected} scripted`);
    }
  }
  const byWall = (list: Burst[]) => [...list].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(list.length / 2)]!;
  const own = byWall(runs.ledger);
  const base = byWall(runs.memory);
  const throughput = (wallMs: number) => (CALLS / wallMs) * 1000;
  const pairRatios = runs.memory.map((memoryBurst, run) => memoryBurst.wallMs / runs.ledger[run]!.wallMs).sort((a, b) => a - b);
  return [
    {
      section: "ledger",
      name: "1,000 concurrent complete() (500 OpenAI + 500 Bedrock), PostgreSQL ledger: throughput",
      latency: summarise(own.callMs),
      baselineName: "the same burst, in-memory CostTracker",
      baseline: summarise(base.callMs),
      ratio: throughput(own.wallMs) / throughput(base.wallMs),
      ratioRange: [quantile(pairRatios, 0.25), quantile(pairRatios, 0.75)],
      target: { min: 0.8, label: "≥ 0.8× throughput" },
      value: `${throughput(own.wallMs).toFixed(0)} calls/s (wall ${own.wallMs.toFixed(0)} ms) vs ${throughput(base.wallMs).toFixed(0)} calls/s (wall ${base.wallMs.toFixed(0)} ms); medians of ${RUNS} pairs of bursts in alternating order; latency columns are per call`,
    },
    {
      section: "ledger",
      name: "ledger totals after each burst",
      value: errors.length === 0 ? `exact: ${CALLS} rows and the scripted dollars (|Δ| ≤ 1e-9) in all ${RUNS} bursts` : errors.join("; "),
      target: { label: "exact" },
      ok: errors.length === 0,
    },
  ];
}
