import vm from "node:vm";
import v8 from "node:v8";
import { CostTracker } from "../../src/tracking/cost-tracker";
import type { ScriptedReply } from "../../src/testing/stand-in-types";
import type { BenchRow } from "../report";
import { quantile, summarise } from "../stats";
import type { StandInProcess } from "../stand-in-client";
import { bedrockPair, langchainPrompt, openAIPair, PROMPT, type Endpoints } from "./clients";

const CALLS = 1_000;
/** Pairs of bursts (one raw, one package, in alternating order). */
const RUNS = 11;
/** USD per 1M tokens of the two models (gpt-4o, Claude 3 Haiku), from the providers' pricing pages. */
const PRICES = { openai: { input: 2.5, output: 10 }, bedrock: { input: 0.25, output: 1.25 } };

v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;

/** RSS and heap in MB, after a full garbage collection. */
function memory(): { rss: number; heap: number } {
  collectGarbage();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss: rss / 2 ** 20, heap: heapUsed / 2 ** 20 };
}

/** Queues one scripted usage per call on each stand-in; returns the dollars those calls must add up to. */
export async function script(standIns: StandInProcess, perKind: number): Promise<number> {
  let expected = 0;
  for (const kind of ["openai", "bedrock"] as const) {
    const scripts: ScriptedReply[] = [];
    for (let i = 0; i < perKind; i++) {
      const usage = { inputTokens: 50 + ((i * 37) % 400), outputTokens: 5 + ((i * 11) % 90) };
      scripts.push({ text: `answer ${i}`, usage });
      expected += (usage.inputTokens * PRICES[kind].input + usage.outputTokens * PRICES[kind].output) / 1e6;
    }
    await standIns.reset(kind);
    await standIns.reply(kind, scripts);
  }
  return expected;
}

/** The wall time of a burst and the time of each of its calls. */
export interface Burst {
  wallMs: number;
  /** CPU time of this (the client's) process during the burst, user + system. */
  cpuMs: number;
  callMs: number[];
}

/** One burst: every call started at once, each timed; the wall time of the whole. */
export async function burst(calls: (() => Promise<unknown>)[]): Promise<Burst> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const callMs = await Promise.all(
    calls.map(async (call) => {
      const start = performance.now();
      await call();
      return performance.now() - start;
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, callMs };
}

/**
 * 1,000 concurrent calls, half to each provider, with a CostTracker: throughput, per-call latency,
 * RSS before and after, and the tracker's total against the scripted usages. The same burst on the
 * raw classes (same tracker as a callback) is the baseline. Pairs of bursts alternate in order.
 */
export async function benchLoad(standIns: StandInProcess, urls: Endpoints): Promise<BenchRow[]> {
  const perKind = CALLS / 2;
  const tracker = new CostTracker();
  const rawTracker = new CostTracker();
  const openai = openAIPair(urls, { provider: tracker, raw: rawTracker });
  const bedrock = bedrockPair(urls, { provider: tracker, raw: rawTracker });
  const packageCalls = () => [
    ...Array.from({ length: perKind }, () => () => openai.provider.complete({ messages: PROMPT })),
    ...Array.from({ length: perKind }, () => () => bedrock.provider.complete({ messages: PROMPT })),
  ];
  const rawCalls = () => [
    ...Array.from({ length: perKind }, () => () => openai.raw.invoke(langchainPrompt())),
    ...Array.from({ length: perKind }, () => () => bedrock.raw.invoke(langchainPrompt())),
  ];
  await burst(packageCalls().slice(0, 100));
  await burst(rawCalls().slice(0, 100));
  tracker.reset();
  rawTracker.reset();

  const before = memory();
  const runs = { package: [] as Burst[], raw: [] as Burst[] };
  const errors: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    for (const mode of run % 2 === 0 ? (["raw", "package"] as const) : (["package", "raw"] as const)) {
      const expected = await script(standIns, perKind);
      const used = mode === "package" ? tracker : rawTracker;
      used.reset();
      runs[mode].push(await burst(mode === "package" ? packageCalls() : rawCalls()));
      const totals = used.totals();
      const difference = Math.abs(totals.costUsd - expected);
      if (totals.calls !== CALLS || difference > 1e-9) errors.push(`${mode} run ${run + 1}: ${totals.calls} calls, $${totals.costUsd} recorded, $${expected} scripted`);
    }
  }
  const after = memory();
  tracker.reset();
  rawTracker.reset();
  const afterReset = memory();
  const byWall = (list: Burst[]) => [...list].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(list.length / 2)]!;
  const own = byWall(runs.package);
  const raw = byWall(runs.raw);
  const pairRatios = runs.package.map((burst, run) => burst.wallMs / runs.raw[run]!.wallMs).sort((a, b) => a - b);
  const throughput = (wallMs: number) => `${Math.round((CALLS / wallMs) * 1000)} calls/s`;
  const medianCpu = (list: Burst[]) => [...list].sort((a, b) => a.cpuMs - b.cpuMs)[Math.floor(list.length / 2)]!.cpuMs;
  const cpuRatio = medianCpu(runs.package) / medianCpu(runs.raw);
  return [
    {
      section: "load",
      name: "1,000 concurrent complete() (500 OpenAI + 500 Bedrock), CostTracker",
      latency: summarise(own.callMs),
      baselineName: "the same burst on ChatOpenAI + ChatBedrockConverse, CostTracker",
      baseline: summarise(raw.callMs),
      ratio: own.wallMs / raw.wallMs,
      ratioRange: [quantile(pairRatios, 0.25), quantile(pairRatios, 0.75)],
      target: { max: 1.05, label: "≤ 1.05× (wall)" },
      value: `${throughput(own.wallMs)} (wall ${own.wallMs.toFixed(0)} ms) vs raw ${throughput(raw.wallMs)} (wall ${raw.wallMs.toFixed(0)} ms); medians of ${RUNS} pairs of bursts in alternating order (ratio of the median walls; the range is that of the pairs' own ratios); the client process's CPU time ${cpuRatio.toFixed(3)}× raw's (medians); latency columns are per call`,
    },
    {
      section: "load",
      name: "tracker totals after each burst",
      value: errors.length === 0 ? `exact: ${CALLS} calls and the scripted dollars (|Δ| ≤ 1e-9) in all ${RUNS * 2} bursts` : errors.join("; "),
      target: { label: "exact" },
      ok: errors.length === 0,
    },
    {
      section: "load",
      name: "memory before / after the bursts (after GC)",
      value:
        `RSS ${before.rss.toFixed(0)} → ${after.rss.toFixed(0)} MB, heap ${before.heap.toFixed(0)} → ${after.heap.toFixed(0)} MB after ${RUNS * 2 * CALLS} calls ` +
        `(the two trackers hold the last bursts' ${2 * CALLS} calls); heap ${afterReset.heap.toFixed(0)} MB once they are reset`,
    },
  ];
}
