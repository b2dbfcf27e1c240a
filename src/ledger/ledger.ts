import { BudgetLeases } from "./budget-leases";
import { DurableWriter, type WriterTimings } from "./durable-writer";
import { GroupedTotals } from "./grouped-totals";
import type { BudgetKeeper, GroupRow, LedgerStore } from "./ledger-store";
import { planQuery } from "./ledger-query";
import type { CostLedger, LedgerQuery, LedgerTotals } from "./ledger-types";
import { SpoolFile } from "./spool-file";
import { StoreReservations } from "./store-reservations";

/** How a ledger is put together from its store. */
export interface LedgerSettings {
  /** The metadata keys this process records as dimensions. */
  dimensions: readonly string[];
  /** Where rows the store cannot take are spooled (default: the working directory). */
  spoolDir?: string;
  /** @internal Retry and replay timings (tests shorten them). */
  timings?: WriterTimings;
}

/**
 * A ledger over a store (SQLite or PostgreSQL): trackers write each call's row through its writer
 * (retries, then the spool) and admit calls against budgets through its budget keeper (a
 * reservation per call, or leases); `totals` and `report` read the store.
 */
export class Ledger implements CostLedger {
  /** @internal */
  readonly store: LedgerStore;
  /** @internal */
  readonly writer: DurableWriter;
  /** @internal How calls are admitted against budgets: leases in PostgreSQL, a reservation per call in SQLite. */
  readonly budgets: BudgetKeeper;
  /** The metadata keys this ledger records. */
  readonly dimensions: readonly string[];
  private closing?: Promise<void>;

  constructor(store: LedgerStore, settings: LedgerSettings) {
    this.store = store;
    this.dimensions = settings.dimensions;
    this.writer = new DurableWriter(store, new SpoolFile(settings.spoolDir ?? process.cwd(), store.description), settings.timings);
    const budgets = "lease" in store ? new BudgetLeases(store) : new StoreReservations(store);
    this.writer.onReplayed = (callIds) => budgets.replayed(callIds);
    this.budgets = budgets;
  }

  /** @inheritdoc */
  async totals(query: LedgerQuery = {}): Promise<LedgerTotals> {
    const { totals, by } = await this.query(query);
    return totals.snapshot(await this.store.reservedUsd(Date.now()), by);
  }

  /** @inheritdoc */
  async report(query: LedgerQuery = {}): Promise<string> {
    const { totals, by } = await this.query(query);
    return totals.report(by);
  }

  /** @inheritdoc */
  close(): Promise<void> {
    return (this.closing ??= (async () => {
      try {
        await this.writer.close(); // rows in hand, then the spool: what they hold leaves the leases first
        await this.budgets.close();
      } finally {
        await this.store.close();
      }
    })());
  }

  /** @internal Replays the spool now. @returns whether nothing is left spooled. */
  replaySpool(): Promise<boolean> {
    return this.writer.replay();
  }

  private async query(query: LedgerQuery): Promise<{ totals: GroupedTotals; by?: string }> {
    const plan = planQuery(query, await this.store.recordedDimensions(), Date.now());
    const [overall] = await this.store.aggregate(plan.filter);
    const groups = new Map<string, GroupRow[]>();
    for (const [key, column] of plan.groups) groups.set(key, await this.store.aggregate(plan.filter, column));
    return { totals: new GroupedTotals(overall, groups), by: plan.by };
  }
}
