import { costColumnFormatter, formatCost } from "../pricing";
import type { GroupTotals } from "./running-totals";

const HEADER = ["calls", "tokens in", "tokens out", "cost", "share"];

/** The label of the row of calls without a value for a dimension (other dimensions: "(no <name>)"). */
const OUTSIDE: Readonly<Record<string, string>> = { node: "(outside any node)", role: "(no role)", model: "(no model)" };

/** What a report is made of: the overall totals, and the groups of each dimension (a tracker's running totals, a ledger query's totals). */
export interface ReportTotals {
  all(): Readonly<GroupTotals>;
  groupsOf(key: string): { groups: ReadonlyMap<string, Readonly<GroupTotals>>; outside: Readonly<GroupTotals> };
}

interface Row {
  label: string;
  group: Readonly<GroupTotals>;
}

function flagsOf(group: Readonly<GroupTotals>): string {
  return [group.estimated > 0 ? `${group.estimated} estimated` : "", group.unpriced > 0 ? `${group.unpriced} UNPRICED` : ""].filter(Boolean).join(", ");
}

function table(title: string, rows: readonly Row[], totalUsd: number): string {
  const cost = costColumnFormatter(rows.map((row) => row.group.costUsd));
  const cells = rows.map(({ label, group }) => [
    label,
    String(group.calls),
    group.tokensInput.toLocaleString("en-US"),
    group.tokensOutput.toLocaleString("en-US"),
    cost(group.costUsd),
    totalUsd > 0 ? `${((group.costUsd / totalUsd) * 100).toFixed(1)}%` : "-",
    flagsOf(group),
  ]);
  const all = [[title, ...HEADER, ""], ...cells];
  const widths = all[0]!.map((_, column) => Math.max(...all.map((line) => line[column]!.length)));
  return all
    .map((line) =>
      line
        .map((cell, column) => (column === 0 || column === line.length - 1 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** The rows of one dimension, most expensive first, with a row for the calls outside it so the shares add up to 100%. */
function rowsOf(totals: ReportTotals, key: string): Row[] {
  const { groups, outside } = totals.groupsOf(key);
  const rows = [...groups].map(([label, group]) => ({ label, group })).sort((a, b) => b.group.costUsd - a.group.costUsd);
  if (rows.length > 0 && outside.calls > 0) rows.push({ label: OUTSIDE[key] ?? `(no ${key})`, group: outside });
  return rows;
}

/**
 * A readable table of recorded spend for a terminal: totals, then calls, tokens, cost and share
 * of the total per dimension, node, role and model unless told otherwise (each table adds up to
 * 100%: calls outside any node or without a role have a row of their own), estimated and unpriced
 * calls flagged.
 */
export function formatReport(totals: ReportTotals, keys: readonly string[] = ["node", "role", "model"]): string {
  const all = totals.all();
  const lines = [
    `LLM cost: ${formatCost(all.costUsd)} over ${all.calls} call(s), ` +
      `${all.tokensInput.toLocaleString("en-US")} tokens in / ${all.tokensOutput.toLocaleString("en-US")} out`,
  ];
  for (const key of keys) {
    const rows = rowsOf(totals, key);
    if (rows.length > 0) lines.push("", table(`by ${key}`, rows, all.costUsd));
  }
  if (all.estimated > 0) lines.push("", `${all.estimated} call(s) estimated: tokens counted locally (the provider reported no usage).`);
  if (all.unpriced > 0) lines.push("", `${all.unpriced} call(s) UNPRICED: no price for their model, so their cost is not in the total. Add a row with the \`pricing\` option.`);
  return lines.join("\n");
}
