import { formatReport, type ReportTotals } from "../tracking/report";
import { bucketOf, bucketsOf, type GroupTotals } from "../tracking/running-totals";
import type { GroupRow } from "./ledger-store";
import type { LedgerTotals } from "./ledger-types";

const NONE: GroupTotals = { costUsd: 0, tokensInput: 0, tokensOutput: 0, tokensReasoning: 0, calls: 0, estimated: 0, unpriced: 0, secondSource: 0, unpricedTier: 0 };

function totalsOf(row: GroupRow): GroupTotals {
  const { costUsd, tokensInput, tokensOutput, tokensReasoning, calls, estimated, unpriced, secondSource, unpricedTier } = row;
  return { costUsd, tokensInput, tokensOutput, tokensReasoning, calls, estimated, unpriced, secondSource, unpricedTier };
}

/** The totals of a ledger query as the tracker's report reads them: overall, and per value of each grouped key. */
export class GroupedTotals implements ReportTotals {
  private readonly overall: GroupTotals;
  private readonly grouped = new Map<string, { groups: Map<string, GroupTotals>; outside: GroupTotals }>();

  /** @param groups - per key, the store's rows (a row with a null key: the calls without a value). */
  constructor(overall: GroupRow | undefined, groups: ReadonlyMap<string, readonly GroupRow[]>) {
    this.overall = overall === undefined ? NONE : totalsOf(overall);
    for (const [key, rows] of groups) {
      const named = new Map<string, GroupTotals>();
      let outside = NONE;
      for (const row of rows) {
        if (row.key === null) outside = totalsOf(row);
        else named.set(row.key, totalsOf(row));
      }
      this.grouped.set(key, { groups: named, outside });
    }
  }

  /** @inheritdoc */
  all(): Readonly<GroupTotals> {
    return this.overall;
  }

  /** @inheritdoc */
  groupsOf(key: string): { groups: ReadonlyMap<string, Readonly<GroupTotals>>; outside: Readonly<GroupTotals> } {
    return this.grouped.get(key) ?? { groups: new Map(), outside: this.overall };
  }

  /** In the shape of `tracker.totals()`, with `groups` by the query's `by` key. */
  snapshot(reservedUsd: number, by?: string): LedgerTotals {
    const totals: LedgerTotals = {
      ...bucketOf(this.overall),
      tokensReasoning: this.overall.tokensReasoning,
      unpriced: this.overall.unpriced,
      estimated: this.overall.estimated,
      reservedUsd,
      byModel: bucketsOf(this.groupsOf("model").groups),
      byRole: bucketsOf(this.groupsOf("role").groups),
      byNode: bucketsOf(this.groupsOf("node").groups),
    };
    if (by !== undefined) totals.groups = bucketsOf(this.groupsOf(by).groups);
    return totals;
  }

  /** The tracker's report table over these totals, with a table by `by` first. */
  report(by?: string): string {
    return formatReport(this, [...new Set([...(by === undefined ? [] : [by]), "node", "role", "model"])]);
  }
}
