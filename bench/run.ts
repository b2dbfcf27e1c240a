/**
 * `npm run bench`: the package against the raw LangChain classes and tokenizers it builds on, on
 * loopback stand-ins (in a child process). Prints a table and writes bench/results.json.
 *
 *   npm run bench                     every section
 *   npm run bench -- --only=calls,tracker   some sections (calls, tracker, telemetry, tokens, import, load, ingest, ledger, vendors)
 *   npm run bench -- --quick          fewer and shorter rounds, for a smoke run
 *   npm run bench -- --help           this text
 */
import path from "node:path";
import type { InterleaveOptions } from "./interleave";
import type { PairedOptions } from "./paired";
import { formatTable, machine, meetsTarget, writeResults, type BenchRow } from "./report";
import { benchCalls } from "./scenarios/calls";
import { benchColdImport } from "./scenarios/cold-import";
import { benchFirstCount } from "./scenarios/first-count";
import { benchIngest } from "./scenarios/ingest";
import { benchLedger } from "./scenarios/ledger";
import { benchLoad } from "./scenarios/load";
import { benchTelemetry } from "./scenarios/telemetry";
import { benchTokenizers } from "./scenarios/tokenizers";
import { benchTracker } from "./scenarios/tracker";
import { benchVendors } from "./scenarios/vendors";
import { startStandInProcess } from "./stand-in-client";

const SECTIONS = ["calls", "tracker", "telemetry", "tokens", "import", "load", "ingest", "ledger", "vendors"] as const;
type Section = (typeof SECTIONS)[number];

const HELP = `npm run bench [-- options]
  --only=a,b   run only these sections: ${SECTIONS.join(", ")}
               calls    provider.complete / stream vs raw ChatOpenAI / ChatBedrockConverse (same server, same callbacks)
               tracker  a call with CostTracker vs a no-op handler; the tracker's hooks alone
               telemetry  a call with the tracker's telemetry on (SDK, no-op exporters) vs off; no OpenTelemetry module loaded when off
               tokens   countTokens vs the fastest of js-tiktoken, tiktoken (WASM), gpt-tokenizer; the first count
                        of a process and after warmUpTokenizers (fresh processes, dist/ built if stale)
               import   cold import of each entry in dist/ (built if stale) vs its dependencies alone and
                        vs @langchain/openai / @langchain/aws alone; no tokenizer at import
               load     1,000 concurrent calls across both providers: throughput, memory, exact tracker totals
               ingest   10,000 documents through ingestDocuments into a real Chroma server
               ledger   a call with a SQLite / PostgreSQL ledger and a budget vs the in-memory tracker; 1,000 concurrent calls with the PostgreSQL ledger
               vendors  AzureOpenAIProvider.complete vs raw AzureChatOpenAI (Azure route, no callbacks / CostTracker); runnableFor
                        of a two-model fallback chain whose first model answers vs that model alone; the vendor registry's lookups in ns
  --quick      fewer, shorter rounds (a smoke run; ratios are noisier)
  --help       this text
Prints a table and writes bench/results.json (p50 / p99, ratio to the baseline, target met).`;

function parseArgs(argv: string[]): { sections: Section[]; quick: boolean } {
  const only = argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length).split(",");
  const unknown = only?.filter((name) => !(SECTIONS as readonly string[]).includes(name)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(", ")}: use ${SECTIONS.join(", ")}`);
  return { sections: (only as Section[] | undefined) ?? [...SECTIONS], quick: argv.includes("--quick") };
}

async function main(): Promise<void> {
  if (process.argv.includes("--help")) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const { sections, quick } = parseArgs(process.argv.slice(2));
  const calls: PairedOptions = quick ? { blocks: 4, callsPerBlock: 25, warmupCalls: 50 } : { blocks: 24, callsPerBlock: 60, warmupCalls: 200 };
  const micro: InterleaveOptions = quick ? { rounds: 4, timeMs: 100, warmupMs: 100 } : { rounds: 15, timeMs: 150, warmupMs: 300 };
  const rows: BenchRow[] = [];
  const extra: Record<string, unknown> = { sections, quick, standIns: "in a child process (bench/stand-in-process.ts), loopback HTTP" };
  const log = (text: string): void => void process.stderr.write(`[bench] ${text}\n`);
  log(`machine: ${JSON.stringify(machine())}`);

  const needsServers = sections.some((section) => ["calls", "tracker", "telemetry", "load", "ingest", "ledger", "vendors"].includes(section));
  const standIns = needsServers ? await startStandInProcess() : undefined;
  try {
    for (const section of sections) {
      const started = Date.now();
      log(`${section}…`);
      if (section === "calls") rows.push(...(await benchCalls(standIns!.urls, calls)));
      if (section === "tracker") rows.push(...(await benchTracker(standIns!.urls, calls)));
      if (section === "telemetry") rows.push(...(await benchTelemetry(standIns!.urls, calls)));
      if (section === "tokens") rows.push(...(await benchTokenizers(micro)), ...benchFirstCount(quick ? 2 : 5));
      if (section === "import") {
        const { rows: importRows, build, dependencies } = benchColdImport(quick ? 3 : 15);
        rows.push(...importRows);
        extra.coldImport = { measured: "dist/ (tsup build), each entry by its package name, CJS and ESM", build, dependencies };
      }
      if (section === "load") rows.push(...(await benchLoad(standIns!, standIns!.urls)));
      if (section === "ingest") rows.push(...(await benchIngest(standIns!, standIns!.urls)));
      if (section === "ledger") rows.push(...(await benchLedger(standIns!, standIns!.urls, calls)));
      if (section === "vendors") rows.push(...(await benchVendors(standIns!.urls, calls, micro)));
      log(`${section} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    await standIns?.stop();
  }

  const table = formatTable(rows);
  process.stdout.write(`\nmachine: ${JSON.stringify(machine())}\n\n${table}\n`);
  const missed = rows.filter((row) => meetsTarget(row) === false);
  if (missed.length > 0) process.stdout.write(`\nMissed targets: ${missed.map((row) => `${row.section} / ${row.name.trim()}`).join("; ")}\n`);
  const file = path.join(__dirname, "results.json");
  writeResults(file, rows, extra);
  process.stdout.write(`\nWrote ${path.relative(process.cwd(), file)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
