import { quoted } from "./dimensions";
import { TABLES } from "./ledger-columns";
import type { GroupRow, RowFilter } from "./ledger-store";

/** How a store's SQL differs where the ledger's queries meet it. */
export interface SqlDialect {
  /** The placeholder of the n-th parameter (1-based). */
  param(n: number): string;
  /**
   * The select list adding a group of rows up into `calls`, `cost_usd`, `tokens_input`,
   * `tokens_output`, `tokens_reasoning`, `estimated`, `unpriced`, `second_source`, `unpriced_tier` (all numbers).
   */
  aggregates: string;
}

/** A statement and its parameters. */
export interface Statement {
  text: string;
  values: string[];
}

/** The query that adds up the rows a filter selects, overall or per value of `groupColumn` (a checked column name). */
export function aggregateStatement(dialect: SqlDialect, filter: RowFilter, groupColumn?: string): Statement {
  const conditions: string[] = [];
  const values: string[] = [];
  const add = (condition: (placeholder: string) => string, value: string): void => {
    values.push(value);
    conditions.push(condition(dialect.param(values.length)));
  };
  if (filter.since !== undefined) add((p) => `at >= ${p}`, filter.since.toISOString());
  if (filter.until !== undefined) add((p) => `at < ${p}`, filter.until.toISOString());
  for (const { column, value } of filter.equals) add((p) => `${quoted(column)} = ${p}`, value);
  const where = conditions.length === 0 ? "" : ` WHERE ${conditions.join(" AND ")}`;
  const group = groupColumn === undefined ? "" : quoted(groupColumn);
  const key = groupColumn === undefined ? "NULL" : group;
  const text = `SELECT ${key} AS key, ${dialect.aggregates} FROM ${TABLES.calls}${where}${groupColumn === undefined ? "" : ` GROUP BY ${group}`}`;
  return { text, values };
}

/** A result row of {@link aggregateStatement}. */
export interface AggregateRecord {
  key: string | null;
  calls: number;
  cost_usd: number;
  tokens_input: number;
  tokens_output: number;
  tokens_reasoning: number;
  estimated: number;
  unpriced: number;
  second_source: number;
  unpriced_tier: number;
}

/** The group totals of a result row. */
export function groupRowOf(record: AggregateRecord): GroupRow {
  return {
    key: record.key,
    calls: record.calls,
    costUsd: record.cost_usd,
    tokensInput: record.tokens_input,
    tokensOutput: record.tokens_output,
    tokensReasoning: record.tokens_reasoning,
    estimated: record.estimated,
    unpriced: record.unpriced,
    secondSource: record.second_source,
    unpricedTier: record.unpriced_tier,
  };
}
