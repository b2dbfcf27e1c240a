import type { LedgerRow } from "./ledger-row";
import type { LeaseDebit, LedgerStore, RowWritten } from "./ledger-store";
import type { SpoolFile } from "./spool-file";

/** How patiently a writer treats a store that does not answer. */
export interface WriterTimings {
  /** Waits before each retry of a failed write; after the last, the rows are spooled. */
  retryDelaysMs: readonly number[];
  /** How often the spool is replayed while the store is away. */
  replayEveryMs: number;
}

/** Three retries within about half a second, then the spool; a replay attempt every second. */
export const DEFAULT_WRITER_TIMINGS: WriterTimings = { retryDelaysMs: [20, 100, 400], replayEveryMs: 1_000 };

/** Rows written in one statement at most (concurrent calls' rows are written together). */
const MAX_BATCH = 500;

interface Pending {
  row: LedgerRow;
  /** What the row takes off budget leases (kept in memory while the row is spooled, and written with it when it is replayed). */
  debits?: readonly LeaseDebit[];
  done: (written: RowWritten) => void;
  failed: (error: unknown) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes rows so that none is lost and none counted twice: rows of calls ending together go in one
 * transaction; a failed write is retried, then spooled to a local file (synced) so the call still
 * returns; while the store is away, rows go straight to the spool, which is replayed, once, as soon
 * as the store answers again (writes are idempotent by call id, so a replay cut short is simply
 * replayed again).
 */
export class DurableWriter {
  private queue: Pending[] = [];
  private flushing?: Promise<void>;
  private replaying?: Promise<boolean>;
  private timer?: NodeJS.Timeout;
  private outage = false;
  /** Whether the spool may hold rows (kept here: looking at the folder on every write would cost each call). */
  private spooled: boolean;
  /** Told the ids of spooled rows once they are in the store. */
  onReplayed?: (callIds: readonly string[]) => void;
  /** The lease debits of this process's spooled rows, by call id: a spooled call still holds its room until its row is in. */
  private readonly spooledDebits = new Map<string, readonly LeaseDebit[]>();

  constructor(
    private readonly store: LedgerStore,
    private readonly spool: SpoolFile,
    private readonly timings: WriterTimings = DEFAULT_WRITER_TIMINGS,
  ) {
    this.spooled = spool.hasRows(); // rows left by this process's predecessor, or by one that died
    if (this.spooled) this.scheduleReplay(0);
  }

  /** Resolves once the row is committed to the store (taking its room off the leases `debits` name) or, when the store is away, synced to the spool. */
  write(row: LedgerRow, debits?: readonly LeaseDebit[]): Promise<RowWritten> {
    return new Promise((done, failed) => {
      this.queue.push({ row, debits, done, failed });
      this.flushing ??= this.flush();
    });
  }

  /** Whether rows wait in the spool for the store. */
  get spooling(): boolean {
    return this.spooled;
  }

  /** Replays the spool now (one replay at a time). @returns whether everything spooled is in the store. */
  replay(): Promise<boolean> {
    return (this.replaying ??= this.replayOnce().finally(() => (this.replaying = undefined)));
  }

  /** Waits for the rows in hand, then replays the spool once if there is one (rows the store still refuses stay spooled for the next process). */
  async close(): Promise<void> {
    await this.flushing;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.spooled) await this.replay();
    clearTimeout(this.timer);
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const written = await this.commit(
          batch.map((pending) => pending.row),
          batch.flatMap((pending) => pending.debits ?? []),
        );
        for (const pending of batch) pending.done(written);
      } catch (error) {
        for (const pending of batch) pending.failed(error);
      }
    }
    this.flushing = undefined;
  }

  private async commit(rows: readonly LedgerRow[], debits: readonly LeaseDebit[]): Promise<"committed" | "spooled"> {
    if (!this.outage) {
      try {
        await this.writeWithRetries(rows, debits);
        if (this.spooled) this.scheduleReplay(0); // the store answers again
        return "committed";
      } catch {
        this.outage = true;
      }
    }
    this.spool.append(rows);
    for (const debit of debits) this.spooledDebits.set(debit.callId, [...(this.spooledDebits.get(debit.callId) ?? []), debit]);
    this.spooled = true;
    this.scheduleReplay(this.timings.replayEveryMs);
    return "spooled";
  }

  private async writeWithRetries(rows: readonly LedgerRow[], debits: readonly LeaseDebit[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.store.write(rows, debits);
      } catch (error) {
        const delay = this.timings.retryDelaysMs[attempt];
        if (delay === undefined) throw error;
        await sleep(delay);
      }
    }
  }

  private async replayOnce(): Promise<boolean> {
    try {
      for (const file of this.spool.claim()) {
        const rows = this.spool.read(file);
        for (let start = 0; start < rows.length; start += MAX_BATCH) {
          const batch = rows.slice(start, start + MAX_BATCH);
          await this.store.write(batch, batch.flatMap((row) => this.spooledDebits.get(row.id) ?? []));
        }
        this.spool.remove(file);
        for (const row of rows) this.spooledDebits.delete(row.id);
        this.onReplayed?.(rows.map((row) => row.id));
      }
    } catch {
      this.scheduleReplay(this.timings.replayEveryMs);
      return false;
    }
    this.outage = false; // the store answers: new rows go to it again
    if (this.spool.hasRows()) {
      this.scheduleReplay(0); // rows spooled while this replay ran
      return false;
    }
    this.spooled = false;
    return true;
  }

  private scheduleReplay(ms: number): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.replay();
    }, ms);
    this.timer.unref();
  }
}
