import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { formatMs, ratioOf, ratioRange, type Latency } from "./stats";

/** One line of the results: a measurement, and how it compares with its baseline. */
export interface BenchRow {
  section: string;
  /** What was measured. */
  name: string;
  latency?: Latency;
  /** What it is compared with. */
  baselineName?: string;
  baseline?: Latency;
  /** How much slower than the baseline: see `ratioOf` (or the section's own ratio, e.g. import times). */
  ratio?: number;
  /** The interquartile range of the per-round ratios: how much the ratio moved from round to round. */
  ratioRange?: [number, number];
  /** The target the ratio must meet, as a maximum (e.g. 1.05) or a minimum (e.g. throughput). */
  target?: { max?: number; min?: number; label: string };
  /** Whether the target is met, for targets that are not a maximum or minimum of `ratio`. */
  ok?: boolean;
  /** A result that is not a latency (throughput, totals, documents/s). */
  value?: string;
  note?: string;
}

/** The target of a package call against the raw class it wraps, on the same stand-in with the same callbacks. */
export const WITHIN_5_PERCENT: NonNullable<BenchRow["target"]> = { max: 1.05, label: "≤ 1.05×" };

/** Whether a missed maximum lies inside the row's ratio range, i.e. within the machine's round-to-round noise. */
export function missedWithinNoise(row: BenchRow): boolean {
  return meetsTarget(row) === false && row.target?.max !== undefined && row.ratioRange !== undefined && row.ratioRange[0] <= row.target.max;
}

/** Whether a row meets its target; undefined when it has none. */
export function meetsTarget(row: BenchRow): boolean | undefined {
  if (row.ok !== undefined) return row.ok;
  if (row.target === undefined || row.ratio === undefined) return undefined;
  if (row.target.max !== undefined && row.ratio > row.target.max) return false;
  if (row.target.min !== undefined && row.ratio < row.target.min) return false;
  return true;
}

/** A row comparing two latencies (see `ratioOf`). */
export function comparison(section: string, name: string, latency: Latency, baselineName: string, baseline: Latency, target?: BenchRow["target"], note?: string): BenchRow {
  return { section, name, latency, baselineName, baseline, ratio: ratioOf(latency, baseline), ratioRange: ratioRange(latency, baseline), target, note };
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

/** The rows as a plain-text table (also valid Markdown). */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ["section", "measured", "p50", "p99", "baseline", "baseline p50", "baseline p99", "ratio (IQR over rounds)", "target", "ok", "value / note"];
  const lines = rows.map((row) => {
    const ok = meetsTarget(row);
    return [
      row.section,
      row.name,
      formatMs(row.latency?.p50),
      formatMs(row.latency?.p99),
      row.baselineName ?? "",
      formatMs(row.baseline?.p50),
      formatMs(row.baseline?.p99),
      row.ratio === undefined ? "" : `${row.ratio.toFixed(3)}×${row.ratioRange === undefined ? "" : ` (${row.ratioRange[0].toFixed(2)}–${row.ratioRange[1].toFixed(2)})`}`,
      row.target?.label ?? "",
      ok === undefined ? "" : ok ? "yes" : missedWithinNoise(row) ? "NO*" : "NO",
      [row.value, row.note].filter((part) => part !== undefined).join("; "),
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const render = (cells: string[]): string => `| ${cells.map((cell, column) => pad(cell, widths[column]!)).join(" | ")} |`;
  const table = [render(header), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...lines.map(render)].join("\n");
  const footnote = rows.some(missedWithinNoise)
    ? "\nNO* = the median ratio misses the target, but the target lies inside the interquartile range of the per-round ratios: within this machine's round-to-round noise."
    : "";
  return table + footnote;
}

/** The machine the numbers come from. */
export function machine(): Record<string, string | number> {
  const cpu = cpus();
  return {
    node: process.version,
    nproc: cpu.length,
    cpu: cpu[0]?.model ?? "unknown",
    memoryGb: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Writes the rows, with the machine and the time, to `path` as JSON. */
export function writeResults(path: string, rows: readonly BenchRow[], extra: Record<string, unknown>): void {
  const strip = (latency: Latency | undefined) => (latency === undefined ? undefined : { p50: latency.p50, p99: latency.p99, mean: latency.mean, samples: latency.samples });
  const results = rows.map((row) => ({ ...row, latency: strip(row.latency), baseline: strip(row.baseline), meetsTarget: meetsTarget(row), missedWithinNoise: missedWithinNoise(row) }));
  writeFileSync(path, `${JSON.stringify({ ranAt: new Date().toISOString(), machine: machine(), ...extra, results }, null, 2)}\n`);
}
