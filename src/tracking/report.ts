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
  return [
    group.estimated > 0 ? `${group.estimated} estimated` : "",
    group.unpriced > 0 ? `${group.unpriced} UNPRICED` : "",
    group.secondSource > 0 ? `${group.secondSource} by genai-prices` : "",
    group.unpricedTier > 0 ? `${group.unpricedTier} tier at standard` : "",
    (group.fellBack ?? 0) > 0 ? `${group.fellBack} fell back` : "",
  ]
    .filter(Boolean)
    .join(", ");
}

/** The totals line: cost, calls, tokens in and out (with the reasoning part of the output, when there is one). */
function headline(all: Readonly<GroupTotals>): string {
  const reasoning = all.tokensReasoning > 0 ? ` (${all.tokensReasoning.toLocaleString("en-US")} reasoning)` : "";
  return (
    `LLM cost: ${formatCost(all.costUsd)} over ${all.calls} call(s), ` +
    `${all.tokensInput.toLocaleString("en-US")} tokens in / ${all.tokensOutput.toLocaleString("en-US")} out${reasoning}`
  );
}

/** The notes under the tables: what each flag means and what to do. */
function notes(all: Readonly<GroupTotals>): string[] {
  const lines: string[] = [];
  if (all.estimated > 0) lines.push(`${all.estimated} call(s) estimated: tokens counted locally (the provider reported no usage).`);
  if (all.unpriced > 0) lines.push(`${all.unpriced} call(s) UNPRICED: no price for their model, so their cost is not in the total. Add a row with the \`pricing\` option.`);
  if (all.secondSource > 0) {
    lines.push(`${all.secondSource} call(s) priced by genai-prices, the second price source: no built-in or \`pricing\` row knows their model. Check the price, or add a row.`);
  }
  if (all.unpricedTier > 0) {
    lines.push(`${all.unpricedTier} call(s) served at a service tier with no price of its own for their model (pricedWith.unpricedTier): priced at standard rates.`);
  }
  if ((all.fellBack ?? 0) > 0) {
    lines.push(`${all.fellBack} call(s) fell back: their role's fallback chain sent them to a later model after earlier ones failed or were cooling down (TrackedCall.fellBackFrom names those).`);
  }
  return lines;
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
 * of the total per node, role and model, or the dimensions `keys` names (each table adds up to
 * 100%: calls outside any node or without a role have a row of their own), estimated and unpriced
 * calls flagged, and so are calls priced by the second price source or at standard rates for a
 * tier without its own price.
 */
export function formatReport(totals: ReportTotals, keys: readonly string[] = ["node", "role", "model"]): string {
  const all = totals.all();
  const lines = [headline(all)];
  for (const key of keys) {
    const rows = rowsOf(totals, key);
    if (rows.length > 0) lines.push("", table(`by ${key}`, rows, all.costUsd));
  }
  for (const note of notes(all)) lines.push("", note);
  return lines.join("\n");
}
