import { formatCost } from "../pricing";
import { totalsOf, type CostBucket, type TrackedCall } from "./totals";

type GroupKey = "model" | "role" | "node";

const HEADER = ["calls", "tokens in", "tokens out", "cost", "share"];

function flagsOf(calls: readonly TrackedCall[], key: GroupKey, value: string): string {
  const group = calls.filter((call) => call[key] === value);
  const estimated = group.filter((call) => call.estimated).length;
  const unpriced = group.filter((call) => !call.priced).length;
  return [estimated > 0 ? `${estimated} estimated` : "", unpriced > 0 ? `${unpriced} UNPRICED` : ""]
    .filter(Boolean)
    .join(", ");
}

function row(label: string, bucket: CostBucket, totalUsd: number, flags: string): string[] {
  const share = totalUsd > 0 ? `${((bucket.costUsd / totalUsd) * 100).toFixed(1)}%` : "-";
  return [
    label,
    String(bucket.calls),
    bucket.tokensInput.toLocaleString("en-US"),
    bucket.tokensOutput.toLocaleString("en-US"),
    formatCost(bucket.costUsd),
    share,
    flags,
  ];
}

function table(title: string, rows: string[][]): string {
  const all = [[title, ...HEADER, ""], ...rows];
  const widths = all[0]!.map((_, column) => Math.max(...all.map((cells) => cells[column]!.length)));
  return all
    .map((cells) =>
      cells
        .map((cell, column) => (column === 0 || column === cells.length - 1 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function section(calls: readonly TrackedCall[], key: GroupKey, groups: Record<string, CostBucket>, totalUsd: number): string | undefined {
  const entries = Object.entries(groups).sort(([, a], [, b]) => b.costUsd - a.costUsd);
  if (entries.length === 0) return undefined;
  return table(`by ${key}`, entries.map(([name, bucket]) => row(name, bucket, totalUsd, flagsOf(calls, key, name))));
}

/**
 * A readable table of recorded spend for a terminal: totals, then calls, tokens, cost and share
 * of the total per node, role and model, with estimated and unpriced calls flagged.
 */
export function formatReport(calls: readonly TrackedCall[]): string {
  const totals = totalsOf(calls);
  const lines = [
    `LLM cost: ${formatCost(totals.costUsd)} over ${totals.calls} call(s), ` +
      `${totals.tokensInput.toLocaleString("en-US")} tokens in / ${totals.tokensOutput.toLocaleString("en-US")} out`,
  ];
  for (const key of ["node", "role", "model"] as const) {
    const groups = key === "node" ? totals.byNode : key === "role" ? totals.byRole : totals.byModel;
    const text = section(calls, key, groups, totals.costUsd);
    if (text !== undefined) lines.push("", text);
  }
  if (totals.estimated > 0) lines.push("", `${totals.estimated} call(s) estimated: tokens counted locally (the provider reported no usage).`);
  if (totals.unpriced > 0) lines.push("", `${totals.unpriced} call(s) UNPRICED: no price for their model, so their cost is not in the total. Add a row with the \`pricing\` option.`);
  return lines.join("\n");
}
