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

/** A column of the calls table and how it is read off a row. */
export interface CallColumn {
  name: string;
  of: (row: LedgerRow) => ColumnValue | undefined;
}

/** The fixed columns of a call row, in order. */
export const CALL_COLUMNS: readonly CallColumn[] = [
  { name: "id", of: (row) => row.id },
  { name: "at", of: (row) => row.at },
  { name: "kind", of: (row) => row.kind },
  { name: "provider", of: (row) => row.provider },
  { name: "requested_model", of: (row) => row.requestedModel },
  { name: "model", of: (row) => row.model },
  { name: "role", of: (row) => row.role },
  { name: "node", of: (row) => row.node },
  { name: "thread_id", of: (row) => row.threadId },
  { name: "tokens_input", of: (row) => row.input },
  { name: "tokens_output", of: (row) => row.output },
  { name: "cache_read", of: (row) => row.cacheRead },
  { name: "cache_write", of: (row) => row.cacheWrite },
  { name: "reasoning", of: (row) => row.reasoning },
  { name: "cache_write_1h", of: (row) => row.cacheWrite1h },
  { name: "service_tier", of: (row) => row.serviceTier },
  { name: "cost", of: (row) => row.cost },
  { name: "estimated", of: (row) => row.estimated },
  { name: "priced", of: (row) => row.priced },
  { name: "priced_source", of: (row) => row.pricedSource },
  { name: "priced_model", of: (row) => row.pricedModel },
  { name: "priced_checked", of: (row) => row.pricedChecked },
  { name: "unpriced_tier", of: (row) => row.unpricedTier },
];

/** The columns a row is written to: the fixed ones, then one (text) per dimension. */
export function callColumns(dimensions: readonly string[]): CallColumn[] {
  return [...CALL_COLUMNS, ...dimensions.map((name): CallColumn => ({ name: dimensionColumn(name), of: (row) => row.dimensions[name] }))];
}

/** A row's values in the order of `columns`; absent values are NULL. */
export function callValues(row: LedgerRow, columns: readonly CallColumn[]): ColumnValue[] {
  return columns.map((column) => column.of(row) ?? null);
}
