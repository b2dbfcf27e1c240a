import { randomUUID } from "node:crypto";
import type { BudgetCheck, BudgetKeeper, LeaseDebit, LeasingStore, ReservationOutcome, ReservationRequest, RowWritten } from "./ledger-store";

/**
 * How much later than its lease's expiry a call admitted under it may end (ms): a lease expires
 * when the latest-ending call it held at its last renewal would (a call's time limit and a grace
 * minute), so a dead process's room comes back as its reservations' would; calls admitted up to
 * 5 s after a renewal keep 55 s of the grace minute.
 */
export const LEASE_ADMITS_MS = 5_000;
/** The most spare room a lease takes beyond a process's calls in flight, in calls' worth (the store also caps it to an eighth of what is left). */
export const LEASE_SPARE_CALLS = 32;
/** A lease with no call in flight for this long goes back to the budget. */
export const LEASE_IDLE_MS = 1_000;

/** One lease: room a process holds against one budget (and window) in the store, mirrored here. */
interface Lease {
  readonly id: string;
  readonly key: string;
  readonly check: BudgetCheck;
  /** At most what the store holds for the lease: set by each renewal, less the worst cases of the calls written since. */
  heldUsd: number;
  /** The worst cases of the process's calls in flight against it, and how many they are. */
  inFlightUsd: number;
  calls: number;
  /** Calls admitted later than this (plus {@link LEASE_ADMITS_MS}) may outlive the lease (ms since the epoch). */
  expiresAt: number;
  /** A renewal or return is on its way to the store: nothing is admitted into the lease until it answers. */
  busy: boolean;
  /** Worst cases of calls written while the lease was busy (the store may or may not have taken them off). */
  writtenWhileBusy: number;
  /** When its last call ended (undefined while calls are in flight). */
  idleSince?: number;
}

/** A call admitted under leases; a spooled row keeps it in flight until the row reaches the store. */
interface Admitted {
  usd: number;
  expiresAt: number;
  leases: Lease[];
}

/**
 * A process's budget leases in a store where each round trip costs a call more than a little
 * (PostgreSQL): rather than reserving every call in the store, the process holds room for several
 * calls against each budget and admits them here. Renewing a lease is one round trip, which admits
 * the call that needed it; the call's row takes its worst case off the lease in the same
 * transaction as it adds its cost to spend. The mirror here never holds more than the store: a
 * lease being renewed admits nothing, and what crossed a renewal counts as not taken off. Near a
 * budget's end the store grants no spare room, and the budget is shared call by call, as with
 * reservations. A lease goes back after {@link LEASE_IDLE_MS} without calls in flight, and is cut
 * back to its calls in flight when the ledger closes.
 */
export class BudgetLeases implements BudgetKeeper {
  private readonly leases = new Map<string, Lease>();
  private readonly admitted = new Map<string, Admitted>();
  private readonly prefix = `lease:${randomUUID()}:`;
  private count = 0;
  /** Renewals and returns, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private sweep?: NodeJS.Timeout;

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

  /** @inheritdoc */
  debitsOf(callId: string): LeaseDebit[] | undefined {
    const call = this.admitted.get(callId);
    return call?.leases.map((lease) => ({ callId, leaseId: lease.id, dimension: lease.check.dimension, value: lease.check.value, usd: call.usd }));
  }

  /**
   * Committed: the call's worst case left its leases with its row. Spooled: the call stays in flight
   * (the store still counts neither its cost nor its room) until the row is replayed. Lost (the spool
   * failed too): its room stays in the leases.
   */
  settled(callId: string, written: RowWritten): void {
    if (written !== "spooled") this.end(callId, written === "committed");
  }

  /** @inheritdoc */
  replayed(callIds: readonly string[]): void {
    // A replayed row takes nothing off a lease: its room stays there, spare, until the lease is renewed or goes back.
    for (const callId of callIds) this.end(callId, false);
  }

  /** The call ended unbilled: its room stays in the leases, spare for the next call. */
  released(callId: string): undefined {
    this.end(callId, false);
    return undefined;
  }

  /** Gives the leases back, keeping what calls still in flight hold (the ledger closes). */
  async close(): Promise<void> {
    clearTimeout(this.sweep);
    this.sweep = undefined;
    await this.serially(() => this.giveBack([...this.leases.values()]));
  }

  private leasesOf(checks: readonly BudgetCheck[]): Lease[] {
    return checks.map((check) => {
      const key = `${check.dimension}\u0000${check.value}\u0000${check.sinceDay}\u0000${check.limitUsd}`;
      let lease = this.leases.get(key);
      if (lease === undefined) {
        lease = { id: this.prefix + String((this.count += 1)), key, check, heldUsd: 0, inFlightUsd: 0, calls: 0, expiresAt: 0, busy: false, writtenWhileBusy: 0 };
        this.leases.set(key, lease);
      }
      return lease;
    });
  }

  /** Whether the leases admit the call here. A call of no cost still asks the store, which refuses it once the budget is spent. */
  private fits(leases: readonly Lease[], request: ReservationRequest): boolean {
    return (
      request.usd > 0 &&
      leases.every((lease) => !lease.busy && lease.heldUsd - lease.inFlightUsd >= request.usd && request.expiresAt <= lease.expiresAt + LEASE_ADMITS_MS)
    );
  }

  private take(request: ReservationRequest, leases: Lease[]): ReservationOutcome {
    for (const lease of leases) {
      lease.inFlightUsd += request.usd;
      lease.calls += 1;
      lease.idleSince = undefined;
    }
    this.admitted.set(request.callId, { usd: request.usd, expiresAt: request.expiresAt, leases });
    return { admitted: true };
  }

  private async renew(request: ReservationRequest, leases: Lease[]): Promise<ReservationOutcome> {
    const inFlightUsd = leases.map((lease) => lease.inFlightUsd);
    // The lease must outlive every call it holds: the latest-ending of them and this one.
    let expiresAt = request.expiresAt;
    for (const call of this.admitted.values()) if (call.leases.some((lease) => leases.includes(lease))) expiresAt = Math.max(expiresAt, call.expiresAt);
    const outcome = await this.whileBusy(leases, () =>
      this.store.lease({ leaseIds: leases.map((lease) => lease.id), usd: request.usd, inFlightUsd, spareUsd: LEASE_SPARE_CALLS * request.usd, now: request.now, expiresAt, checks: request.checks }),
    );
    if (!outcome.admitted) {
      // The store cut the leases back to what was in flight when it was asked.
      leases.forEach((lease, index) => (lease.heldUsd = inFlightUsd[index]! - lease.writtenWhileBusy));
      this.scheduleSweep();
      return outcome;
    }
    leases.forEach((lease, index) => {
      lease.heldUsd = outcome.grantedUsd[index]! - lease.writtenWhileBusy;
      lease.expiresAt = expiresAt;
    });
    return this.take(request, leases);
  }

  /** Runs a store operation on the leases, admitting nothing into them meanwhile; when it fails, what the store holds is unknown, so only what is in flight is counted on. */
  private async whileBusy<T>(leases: readonly Lease[], work: () => Promise<T>): Promise<T> {
    for (const lease of leases) {
      lease.busy = true;
      lease.writtenWhileBusy = 0;
    }
    try {
      return await work();
    } catch (error) {
      for (const lease of leases) lease.heldUsd = Math.min(lease.heldUsd, lease.inFlightUsd);
      throw error;
    } finally {
      for (const lease of leases) lease.busy = false;
    }
  }

  private end(callId: string, written: boolean): void {
    const call = this.admitted.get(callId);
    if (call === undefined) return;
    this.admitted.delete(callId);
    for (const lease of call.leases) {
      lease.calls -= 1;
      lease.inFlightUsd = lease.calls === 0 ? 0 : lease.inFlightUsd - call.usd;
      if (written) {
        lease.heldUsd -= call.usd;
        if (lease.busy) lease.writtenWhileBusy += call.usd;
      }
      if (lease.calls === 0) lease.idleSince = Date.now();
    }
    this.scheduleSweep();
  }

  /** Looks, a little later, for leases idle long enough to go back. */
  private scheduleSweep(): void {
    if (this.sweep !== undefined) return;
    this.sweep = setTimeout(() => {
      this.sweep = undefined;
      void this.serially(() => {
        const idleBefore = Date.now() - LEASE_IDLE_MS;
        const idle = [...this.leases.values()].filter((lease) => lease.idleSince !== undefined && lease.idleSince <= idleBefore);
        if ([...this.leases.values()].some((lease) => lease.calls === 0 && !idle.includes(lease))) this.scheduleSweep();
        return this.giveBack(idle);
      });
    }, LEASE_IDLE_MS);
    this.sweep.unref();
  }

  /** Forgets the leases and gives them back in the store, each down to what its calls in flight hold (a failed return leaves them to expire). */
  private async giveBack(leases: readonly Lease[]): Promise<void> {
    if (leases.length === 0) return;
    for (const lease of leases) this.leases.delete(lease.key);
    const keep = leases.map((lease) => ({ leaseId: lease.id, keepUsd: lease.inFlightUsd }));
    await this.whileBusy(leases, () => this.store.returnLeases(keep)).catch(() => undefined);
  }

  private serially<T>(work: () => T | Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
