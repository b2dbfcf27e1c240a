/** Summary statistics of latency samples, in milliseconds. */
export interface Latency {
  p50: number;
  p99: number;
  mean: number;
  samples: number;
  /** The p50 of each interleaved round, when measured in rounds. */
  roundP50s?: number[];
}

/** The q-quantile (0..1) of ascending-sorted values, linearly interpolated. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  return low + (sorted[above]! - low) * (position - below);
}

/** p50, p99 and mean of samples in any order. */
export function summarise(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), mean, samples: sorted.length };
}

/** Samples of several tasks gathered round by round: pooled, with each round's median kept (see `ratioOf`). */
export class RoundSamples {
  private readonly pooled: Map<string, number[]>;
  private readonly roundP50s: Map<string, number[]>;

  constructor(private readonly names: readonly string[]) {
    this.pooled = new Map(names.map((name) => [name, []]));
    this.roundP50s = new Map(names.map((name) => [name, []]));
  }

  /** One round's samples of a task. */
  add(name: string, samples: readonly number[]): void {
    this.pooled.get(name)!.push(...samples);
    this.roundP50s.get(name)!.push(quantile([...samples].sort((a, b) => a - b), 0.5));
  }

  /** Every task's pooled summary, with its per-round medians. */
  latencies(): Record<string, Latency> {
    return Object.fromEntries(this.names.map((name) => [name, { ...summarise(this.pooled.get(name)!), roundP50s: this.roundP50s.get(name)! }]));
  }
}

/**
 * How much slower `measured` is than `baseline`: the median over rounds of the ratio of their
 * round medians when both were measured in the same rounds (robust to the machine speeding up or
 * slowing down between rounds), else the ratio of the pooled medians.
 */
export function ratioOf(measured: Latency, baseline: Latency): number {
  const a = measured.roundP50s;
  const b = baseline.roundP50s;
  if (a === undefined || b === undefined || a.length !== b.length || a.length === 0) return measured.p50 / baseline.p50;
  return median(a.map((value, round) => value / b[round]!));
}

/** The interquartile range of the per-round ratios (see `ratioOf`), when both were measured in the same rounds. */
export function ratioRange(measured: Latency, baseline: Latency): [number, number] | undefined {
  const a = measured.roundP50s;
  const b = baseline.roundP50s;
  if (a === undefined || b === undefined || a.length !== b.length || a.length < 4) return undefined;
  const ratios = a.map((value, round) => value / b[round]!).sort((x, y) => x - y);
  return [quantile(ratios, 0.25), quantile(ratios, 0.75)];
}

/** The median of a few values (e.g. cold-start timings). */
export function median(values: readonly number[]): number {
  return quantile([...values].sort((a, b) => a - b), 0.5);
}

/** Milliseconds for a table: µs below 1 ms, ms with one decimal above. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) return "";
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.01 ? 2 : 1)} µs`;
  if (ms < 100) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(0)} ms`;
}
