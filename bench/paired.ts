import { RoundSamples, type Latency } from "./stats";

/** A call to time; it may return the sample it wants recorded (time to first chunk, say) instead of its own duration. */
export type TimedTask = () => Promise<number | void>;

/** How many calls to time, for {@link measurePaired}. */
export interface PairedOptions {
  /** Blocks; each block's medians give one ratio (see `ratioOf`). */
  blocks: number;
  /** Calls of every task per block. */
  callsPerBlock: number;
  /** Untimed calls of every task first (JIT, connection pools, tokenizer ranks). */
  warmupCalls: number;
  /** Called after each block (to reset trackers, so their call lists do not grow without end). */
  afterBlock?: () => void;
}

/** A seeded generator of numbers in [0, 1) (mulberry32), so a run's call order can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The names in a fresh random order (Fisher–Yates). */
function shuffled(names: readonly string[], random: () => number): string[] {
  const order = [...names];
  for (let index = order.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other]!, order[index]!];
  }
  return order;
}

/**
 * Times millisecond-scale calls (requests to a loopback stand-in) one call of each task at a time,
 * in a fresh random order every time round (seeded), so every GC pause, CPU-frequency change or
 * hiccup of the stand-in process falls on the tasks alike, and no task always follows the same
 * other one (a call can leave work behind for the next: a fixed rotation would bill it to the same
 * task every time). Blocks of calls give the per-block medians that `ratioOf` takes its ratio and
 * interquartile range over. Microsecond work is timed with tinybench instead (`measureInterleaved`):
 * for a call this long a timer read per call costs nothing, and interleaving call by call takes
 * the place of tinybench's rounds of one task at a time.
 */
export async function measurePaired(tasks: Record<string, TimedTask>, options: PairedOptions): Promise<Record<string, Latency>> {
  const names = Object.keys(tasks);
  const random = seededRandom(0x5eed);
  const blocks = new RoundSamples(names);
  const timeOnce = async (name: string): Promise<number> => {
    const started = performance.now();
    const sample = await tasks[name]!();
    return typeof sample === "number" ? sample : performance.now() - started;
  };
  for (let call = 0; call < options.warmupCalls; call++) for (const name of shuffled(names, random)) await timeOnce(name);
  for (let block = 0; block < options.blocks; block++) {
    const samples = new Map<string, number[]>(names.map((name) => [name, []]));
    for (let call = 0; call < options.callsPerBlock; call++) {
      for (const name of shuffled(names, random)) samples.get(name)!.push(await timeOnce(name));
    }
    for (const name of names) blocks.add(name, samples.get(name)!);
    options.afterBlock?.();
  }
  return blocks.latencies();
}
