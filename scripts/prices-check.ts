/**
 * `npm run prices:check`: every built-in price row beside `@pydantic/genai-prices`' bundled data,
 * as a table for whoever refreshes src/pricing/catalog/. Exits 1 when a row differs and is not in
 * the commented list of known disagreements (scripts/price-comparison.ts).
 */
import { PRICING } from "../src/pricing";
import { compareWithGenaiPrices, type RowComparison } from "./price-comparison";

function verdict(row: RowComparison): string {
  if (row.status === "unknown") return "not in genai-prices";
  if (row.status === "agree") return "agrees";
  const diffs = row.differences.map((d) => `${d.field} ${d.ours} vs ${d.theirs}`).join("; ");
  return `${row.reason === undefined ? "DIFFERS" : "known difference"}: ${diffs}`;
}

function main(): void {
  const rows = compareWithGenaiPrices(PRICING);
  const cells = [["model", "genai-prices row", "verdict"], ...rows.map((row) => [row.model, row.genaiModel ?? "-", verdict(row)])];
  const widths = [0, 1].map((column) => Math.max(...cells.map((line) => line[column]!.length)));
  for (const line of cells) process.stdout.write(`${line[0]!.padEnd(widths[0]!)}  ${line[1]!.padEnd(widths[1]!)}  ${line[2]}\n`);
  const count = (status: RowComparison["status"]) => rows.filter((row) => row.status === status).length;
  const unexplained = rows.filter((row) => row.status === "differ" && row.reason === undefined);
  process.stdout.write(`\n${rows.length} rows: ${count("agree")} agree, ${count("differ")} differ (${count("differ") - unexplained.length} known), ${count("unknown")} not in genai-prices.\n`);
  for (const row of rows.filter((r) => r.reason !== undefined)) process.stdout.write(`  known: ${row.model}: ${row.reason}\n`);
  if (unexplained.length > 0) {
    process.stdout.write(`\n${unexplained.length} row(s) differ without a reason: fix the row, or add it to KNOWN_DISAGREEMENTS with why we believe ours.\n`);
    process.exitCode = 1;
  }
}

main();
