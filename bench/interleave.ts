import { Bench } from "tinybench";
import { RoundSamples, type Latency } from "./stats";

/** A synchronous task (microsecond work), timed by tinybench. */
export type SyncTask = () => void;

/** How long to measure. */
export interface InterleaveOptions {
  /** Rounds; each round runs every task once, in a rotated order. */
  rounds: number;
  /** Time budget per task per round, in ms. */
  timeMs: number;
  /** Warm-up per task before the first round, in ms. */
  warmupMs: number;
}

/**
 * Times synchronous microsecond work with tinybench in interleaved rounds (A B, then B A, …) and
 * pools the samples of every round, so slow drift of the machine (CPU frequency, GC) falls on
 * every task alike instead of on whichever ran last; each task's per-round medians are kept, so a
 * ratio can be taken round by round (see `ratioOf`). Calls to a stand-in are timed call by call
 * instead: see `measurePaired`.
 */
export async function measureInterleaved(tasks: Record<string, SyncTask>, options: InterleaveOptions): Promise<Record<string, Latency>> {
  const names = Object.keys(tasks);
  const rounds = new RoundSamples(names);
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
    for (const name of order) bench.add(name, tasks[name]!);
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== "completed") throw new Error(`bench task ${task.name} ended ${result.state}`);
      rounds.add(task.name, result.latency.samples ?? []);
    }
  }
  return rounds.latencies();
}
