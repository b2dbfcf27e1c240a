import { InputError } from "../errors";
import { queryColumn } from "./dimensions";
import type { RowFilter } from "./ledger-store";
import type { LedgerQuery } from "./ledger-types";
import { parseInstant } from "./time-window";

/** A query, checked and turned into what a store reads. */
export interface QueryPlan {
  filter: RowFilter;
  /** The keys to group by, each with its column: model, role and node, then the query's `by`. */
  groups: ReadonlyMap<string, string>;
  by?: string;
}

/**
 * Checks a query against the dimensions a ledger has recorded and plans it.
 * @throws InputError for an unknown key, a bad time or a `where` value that is not a string.
 */
export function planQuery(query: LedgerQuery, recorded: readonly string[], now: number): QueryPlan {
  if (typeof query !== "object" || query === null) throw new InputError("A ledger query is an object: { since?, until?, where?, by? }.");
  const since = query.since === undefined ? undefined : parseInstant("since", query.since, now);
  const until = query.until === undefined ? undefined : parseInstant("until", query.until, now);
  const equals = Object.entries(query.where ?? {}).map(([key, value]) => {
    if (typeof value !== "string") throw new InputError(`where.${key} must be a string; got ${JSON.stringify(value)}.`);
    return { column: queryColumn(key, recorded), value };
  });
  const groups = new Map<string, string>();
  for (const key of ["model", "role", "node", ...(query.by === undefined ? [] : [query.by])]) groups.set(key, queryColumn(key, recorded));
  return { filter: { since, until, equals }, groups, by: query.by };
}
