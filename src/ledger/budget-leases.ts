import { randomUUID } from "node:crypto";
import type { BudgetCheck, BudgetKeeper, LeaseDebit, LeasingStore, ReservationOutcome, ReservationRequest } from "./ledger-store";

/**
 * How much later than its lease's expiry a call admitted under it may end (ms): a lease expires when
 * the call that renewed it would (its time limit and a grace minute), so a dead process's room
 * comes back as its reservations' would; calls admitted up to 5 s after the renewal keep 55 s of the
 * grace minute.
 */
export const LEASE_ADMITS_MS = 5_000;
/** The most spare room a lease takes beyond a process's calls in flight, in calls' worth (the store also caps it to an eighth of what is left). */
export const LEASE_SPARE_CALLS = 32;
/** A process that has had no call in flight for this long gives its leases back. */
export const LEASE_IDLE_MS = 1_000;

/** One lease: room a process holds against one budget (and window) in the store, mirrored here. */
interface Lease {
  readonly id: string;
  readonly check: BudgetCheck;
  /** What the store holds for the lease: set by each renewal, less the worst cases of the calls written since. */
  heldUsd: number;
  /** The worst cases of the process's calls in flight against it. */
  inFlightUsd: number;
  /** Calls admitted later than this may outlive the lease (ms since the epoch). */
  expiresAt: number;
}

/** A call admitted under leases. */
interface Admitted {
  usd: number;
  leases: Lease[];
}

/**
 * A process's budget leases in a store where each round trip costs a call more than a little
 * (PostgreSQL): rather than reserving every call in the store, the process holds room for several
 * calls against each budget and admits them here. Renewing a lease is one round trip, which admits
 * the call that needed it; the call's row takes its worst case off the lease in the same
 * transaction as it adds its cost to spend, so the store's books stay exact. Near a budget's end the store grants no spare room,
 * and the budget is shared call by call, as with reservations. Leases are given back after
 * {@link LEASE_IDLE_MS} without calls in flight and when the ledger closes.
 */
export class BudgetLeases implements BudgetKeeper {
  private readonly leases = new Map<string, Lease>();
  private readonly admitted = new Map<string, Admitted>();
  private readonly prefix = `lease:${randomUUID()}:`;
  private count = 0;
  /** Renewals and returns, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private idle?: NodeJS.Timeout;

  constructor(private readonly store: LeasingStore) {}

  /** Admits a call from the leases in hand when they have room for it, else renews them in the store (one round trip). @inheritdoc */
  admit(request: ReservationRequest): Promise<ReservationOutcome> {
    const leases = this.leasesOf(request.checks);
    if (this.fits(leases, request)) return Promise.resolve(this.take(request, leases));
    return this.serially(() => {
      const current = this.leasesOf(request.checks); // a return may have ended some meanwhile
      return this.fits(current, request) ? this.take(request, current) : this.renew(request, current);
    });
  }

  /** What the call's row takes off its leases; undefined for a call not admitted here. */
  debitsOf(callId: string): LeaseDebit[] | undefined {
    const call = this.admitted.get(callId);
    return call?.leases.map((lease) => ({ callId, leaseId: lease.id, dimension: lease.check.dimension, value: lease.check.value, usd: call.usd }));
  }

  /** The call's row is written (or spooled): its worst case leaves its leases (what it did not spend goes back to the budget). */
  settled(callId: string): void {
    this.end(callId, true);
  }

  /** The call ended unbilled: its room stays in the leases, spare for the next call. */
  released(callId: string): undefined {
    this.end(callId, false);
    return undefined;
  }

  /** Gives every lease back (when the ledger closes). */
  async close(): Promise<void> {
    clearTimeout(this.idle);
    await this.serially(() => this.giveBack([...this.leases.values()]));
  }

  private leasesOf(checks: readonly BudgetCheck[]): Lease[] {
    return checks.map((check) => {
      const key = `${check.dimension}\u0000${check.value}\u0000${check.sinceDay}\u0000${check.limitUsd}`;
      let lease = this.leases.get(key);
      if (lease === undefined) {
        lease = { id: this.prefix + String((this.count += 1)), check, heldUsd: 0, inFlightUsd: 0, expiresAt: 0 };
        this.leases.set(key, lease);
      }
      return lease;
    });
  }

  private fits(leases: readonly Lease[], request: ReservationRequest): boolean {
    return leases.every((lease) => lease.heldUsd - lease.inFlightUsd >= request.usd && request.expiresAt <= lease.expiresAt + LEASE_ADMITS_MS);
  }

  private take(request: ReservationRequest, leases: Lease[]): ReservationOutcome {
    clearTimeout(this.idle);
    for (const lease of leases) lease.inFlightUsd += request.usd;
    this.admitted.set(request.callId, { usd: request.usd, leases });
    return { admitted: true };
  }

  private async renew(request: ReservationRequest, leases: Lease[]): Promise<ReservationOutcome> {
    const { expiresAt } = request;
    const outcome = await this.store.lease({
      leaseIds: leases.map((lease) => lease.id),
      usd: request.usd,
      inFlightUsd: leases.map((lease) => lease.inFlightUsd),
      spareUsd: LEASE_SPARE_CALLS * request.usd,
      now: request.now,
      expiresAt,
      checks: request.checks,
    });
    if (!outcome.admitted) {
      for (const lease of leases) lease.heldUsd = lease.inFlightUsd; // the store cut them back
      this.whenIdle();
      return outcome;
    }
    leases.forEach((lease, index) => {
      lease.heldUsd = outcome.grantedUsd[index]!;
      lease.expiresAt = Math.max(lease.expiresAt, expiresAt);
    });
    return this.take(request, leases);
  }

  private end(callId: string, written: boolean): void {
    const call = this.admitted.get(callId);
    if (call === undefined) return;
    this.admitted.delete(callId);
    for (const lease of call.leases) {
      lease.inFlightUsd = Math.max(0, lease.inFlightUsd - call.usd);
      if (written) lease.heldUsd -= call.usd;
    }
    this.whenIdle();
  }

  /** With no call in flight, the leases go back after a while (unless a call comes first). */
  private whenIdle(): void {
    if (this.admitted.size > 0 || this.leases.size === 0) return;
    clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      void this.serially(() => (this.admitted.size === 0 ? this.giveBack([...this.leases.values()]) : undefined));
    }, LEASE_IDLE_MS);
    this.idle.unref();
  }

  /** Forgets the leases, then deletes them in the store (a failed delete leaves them to expire). */
  private async giveBack(leases: readonly Lease[]): Promise<void> {
    if (leases.length === 0) return;
    for (const [key, lease] of this.leases) if (leases.includes(lease)) this.leases.delete(key);
    await this.store.returnLeases(leases.map((lease) => lease.id)).catch(() => undefined);
  }

  private serially<T>(work: () => T | Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
