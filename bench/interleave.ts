import { Bench } from "tinybench";
import { quantile, summarise, type Latency } from "./stats";

/** A task to time: one call per invocation; it may return the sample it wants recorded instead of its own duration. */
export type TimedTask = () => Promise<number | void> | number | void;

/** How long to measure. */
export interface InterleaveOptions {
  /** Rounds; each round runs every task once, in a rotated order. */
  rounds: number;
  /** Time budget per task per round, in ms. */
  timeMs: number;
  /** Warm-up per task before the first round, in ms. */
  warmupMs: number;
  /** Called after each round (to reset trackers, so their call lists do not grow without end). */
  afterRound?: () => void;
  /** The tasks are synchronous: time them without an await (for microsecond work). */
  sync?: boolean;
}

/**
 * Times tasks with tinybench in interleaved rounds (A B, then B A, …) and pools the samples of
 * every round, so slow drift of the machine (CPU frequency, GC, the stand-in process) falls on
 * every task alike instead of on whichever ran last; each task's per-round medians are kept, so a
 * ratio can be taken round by round (see `ratioOf`). A task that returns a number has that
 * number recorded as its sample (tinybench's `overriddenDuration`): time to first chunk, say.
 */
export async function measureInterleaved(tasks: Record<string, TimedTask>, options: InterleaveOptions): Promise<Record<string, Latency>> {
  const names = Object.keys(tasks);
  const pooled = new Map<string, number[]>(names.map((name) => [name, []]));
  const roundP50s = new Map<string, number[]>(names.map((name) => [name, []]));
  for (let round = 0; round < options.rounds; round++) {
    const bench = new Bench({
      time: options.timeMs,
      iterations: 16,
      warmup: round === 0,
      warmupTime: options.warmupMs,
      retainSamples: true,
      throws: true,
    });
    const order = names.map((_, index) => names[(index + round) % names.length]!);
    for (const name of order) {
      const task = tasks[name]!;
      if (options.sync) bench.add(name, () => void task());
      else
        bench.add(name, async () => {
          const sample = await task();
          return typeof sample === "number" ? { overriddenDuration: sample } : undefined;
        });
    }
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== "completed") throw new Error(`bench task ${task.name} ended ${result.state}`);
      const samples = result.latency.samples ?? [];
      pooled.get(task.name)!.push(...samples);
      roundP50s.get(task.name)!.push(quantile(samples, 0.5));
    }
    options.afterRound?.();
  }
  return Object.fromEntries(names.map((name) => [name, { ...summarise(pooled.get(name)!), roundP50s: roundP50s.get(name)! }]));
}
