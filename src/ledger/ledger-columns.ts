import { dimensionColumn } from "./dimensions";
import type { LedgerRow } from "./ledger-row";

/** The ledger's tables; every name starts with `orchestratai_llm_` so they sit beside an application's own. */
export const TABLES = {
  calls: "orchestratai_llm_calls",
  spend: "orchestratai_llm_spend",
  reservations: "orchestratai_llm_reservations",
  locks: "orchestratai_llm_budget_locks",
  schema: "orchestratai_llm_schema",
} as const;

/** A value as it goes into a column (times are ISO 8601 text, which both stores read). */
export type ColumnValue = string | number | boolean | null;

/** What a column holds; each store maps it to a type of its own. */
export type ColumnKind = "text" | "time" | "count" | "usd" | "flag";

/** A column of the calls table and how it is read off a row. */
export interface CallColumn {
  name: string;
  kind: ColumnKind;
  of: (row: LedgerRow) => ColumnValue | undefined;
}

/** The fixed columns of a call row, in order. */
export const CALL_COLUMNS: readonly CallColumn[] = [
  { name: "id", kind: "text", of: (row) => row.id },
  { name: "at", kind: "time", of: (row) => row.at },
  { name: "kind", kind: "text", of: (row) => row.kind },
  { name: "provider", kind: "text", of: (row) => row.provider },
  { name: "requested_model", kind: "text", of: (row) => row.requestedModel },
  { name: "model", kind: "text", of: (row) => row.model },
  { name: "role", kind: "text", of: (row) => row.role },
  { name: "node", kind: "text", of: (row) => row.node },
  { name: "thread_id", kind: "text", of: (row) => row.threadId },
  { name: "tokens_input", kind: "count", of: (row) => row.input },
  { name: "tokens_output", kind: "count", of: (row) => row.output },
  { name: "cache_read", kind: "count", of: (row) => row.cacheRead },
  { name: "cache_write", kind: "count", of: (row) => row.cacheWrite },
  { name: "reasoning", kind: "count", of: (row) => row.reasoning },
  { name: "cache_write_1h", kind: "count", of: (row) => row.cacheWrite1h },
  { name: "service_tier", kind: "text", of: (row) => row.serviceTier },
  { name: "cost", kind: "usd", of: (row) => row.cost },
  { name: "estimated", kind: "flag", of: (row) => row.estimated },
  { name: "priced", kind: "flag", of: (row) => row.priced },
  { name: "priced_source", kind: "text", of: (row) => row.pricedSource },
  { name: "priced_model", kind: "text", of: (row) => row.pricedModel },
  { name: "priced_checked", kind: "text", of: (row) => row.pricedChecked },
  { name: "unpriced_tier", kind: "text", of: (row) => row.unpricedTier },
];

/** The columns a row is written to: the fixed ones, then one (text) per dimension. */
export function callColumns(dimensions: readonly string[]): CallColumn[] {
  return [...CALL_COLUMNS, ...dimensions.map((name): CallColumn => ({ name: dimensionColumn(name), kind: "text", of: (row) => row.dimensions[name] }))];
}

/** A row's values in the order of `columns`; absent values are NULL. */
export function callValues(row: LedgerRow, columns: readonly CallColumn[]): ColumnValue[] {
  return columns.map((column) => column.of(row) ?? null);
}
