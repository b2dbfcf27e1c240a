import { randomUUID } from "node:crypto";
import { distinct, keyOf, type Admitted, type Lease, type Return } from "./lease-state";
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

/**
 * A process's budget leases in a store where each round trip costs a call more than a little
 * (PostgreSQL): rather than reserving every call in the store, the process holds room for several
 * calls against each budget and admits them here. Renewing a lease is one round trip, which admits
 * the call that needed it; the call's row takes its worst case off the lease in the same
 * transaction as it adds its cost to spend. The mirror here never holds more than the store: a
 * lease being renewed admits nothing, and what crossed a renewal counts as taken off. Near a
 * budget's end the store grants no spare room, and the budget is shared call by call, as with
 * reservations. A lease goes back after {@link LEASE_IDLE_MS} without calls in flight, and is cut
 * back to its calls in flight when the ledger closes.
 */
export class BudgetLeases implements BudgetKeeper {
  /** @inheritdoc */
  readonly holders = "calls in flight and budget leases";
  private readonly leases = new Map<string, Lease>();
  /** By call id: a run two trackers take part in is admitted twice. */
  private readonly admitted = new Map<string, Admitted[]>();
  private readonly prefix = `lease:${randomUUID()}:`;
  private count = 0;
  /** Renewals and returns, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private sweep?: NodeJS.Timeout;
  /** Returns the store did not take (it was away): tried again at the next sweep. */
  private unreturned: Return[] = [];
  private closed = false;

  constructor(private readonly store: LeasingStore) {}

  /** Admits a call from the leases in hand when they have room for it, else renews them in the store (one round trip). @inheritdoc */
  admit(request: ReservationRequest): Promise<ReservationOutcome> {
    const checks = distinct(request.checks);
    const leases = this.leasesOf(checks);
    if (this.fits(leases, request)) return Promise.resolve(this.take(request, leases));
    return this.serially(async () => {
      const current = this.leasesOf(checks); // a return may have ended some meanwhile
      if (this.fits(current, request)) return this.take(request, current);
      const outcome = await this.renew(request, checks, current);
      // The refusing budget as the caller numbered it (a budget it listed twice is leased once).
      return outcome.admitted ? outcome : { ...outcome, index: request.checks.indexOf(checks[outcome.index]!) };
    });
  }

  /** @inheritdoc */
  debitsOf(callId: string): LeaseDebit[] | undefined {
    const call = this.admitted.get(callId)?.[0];
    return call?.leases.map((lease) => ({ callId, leaseId: lease.id, dimension: lease.check.dimension, value: lease.check.value, usd: call.usd }));
  }

  /**
   * Committed: the call's worst case left its leases with its row. Spooled: the call stays in flight
   * (the store counts neither its cost nor its room taken off) until the row is replayed, with its
   * debits. Lost (the spool failed too): counted as taken off, since the store may have it.
   */
  settled(callId: string, written: RowWritten): void {
    if (written !== "spooled") this.end(callId, true);
  }

  /** @inheritdoc */
  replayed(callIds: readonly string[]): void {
    for (const callId of callIds) while (this.admitted.has(callId)) this.end(callId, true);
  }

  /** The call ended unbilled: its room stays in the leases, spare for the next call. */
  released(callId: string): undefined {
    this.end(callId, false);
    return undefined;
  }

  /** Gives the leases back, keeping what calls still in flight hold (the ledger closes). */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.sweep);
    await this.serially(() => this.giveBack([...this.leases.values()]));
  }

  private leasesOf(checks: readonly BudgetCheck[]): Lease[] {
    return checks.map((check) => {
      const key = keyOf(check);
      let lease = this.leases.get(key);
      if (lease === undefined) {
        const id = this.prefix + String((this.count += 1));
        lease = { id, key, check, heldUsd: 0, inFlightUsd: 0, calls: 0, callUsd: 0, expiresAt: 0, busy: false, writtenWhileBusy: 0, idleSince: Date.now() };
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
      if (request.usd > 0) lease.callUsd = request.usd;
      lease.idleSince = undefined;
    }
    const admitted = this.admitted.get(request.callId);
    const call = { usd: request.usd, expiresAt: request.expiresAt, leases };
    if (admitted === undefined) this.admitted.set(request.callId, [call]);
    else admitted.push(call);
    return { admitted: true };
  }

  private renew(request: ReservationRequest, checks: readonly BudgetCheck[], leases: Lease[]): Promise<ReservationOutcome> {
    const inFlightUsd = leases.map((lease) => lease.inFlightUsd);
    // The lease must outlive every call it holds: the latest-ending of them and this one.
    let expiresAt = request.expiresAt;
    for (const calls of this.admitted.values()) for (const call of calls) if (call.leases.some((lease) => leases.includes(lease))) expiresAt = Math.max(expiresAt, call.expiresAt);
    const spareUsd = LEASE_SPARE_CALLS * Math.max(request.usd, ...leases.map((lease) => lease.callUsd));
    return this.whileBusy(leases, async () => {
      const { usd, now } = request;
      const outcome = await this.store.lease({ leaseIds: leases.map((lease) => lease.id), usd, inFlightUsd, spareUsd, now, expiresAt, checks });
      if (!outcome.admitted) {
        // The store cut the refusing budget's lease back to what was in flight when it was asked.
        const refusing = leases[outcome.index]!;
        refusing.heldUsd = Math.min(refusing.heldUsd, inFlightUsd[outcome.index]! - refusing.writtenWhileBusy);
        this.scheduleSweep();
        return outcome;
      }
      leases.forEach((lease, index) => {
        lease.heldUsd = outcome.grantedUsd[index]! - lease.writtenWhileBusy;
        lease.expiresAt = expiresAt;
      });
      return this.take(request, leases);
    });
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
      this.scheduleSweep();
      throw error;
    } finally {
      for (const lease of leases) lease.busy = false;
    }
  }

  private end(callId: string, written: boolean): void {
    const admitted = this.admitted.get(callId);
    const call = admitted?.shift();
    if (call === undefined) return;
    if (admitted!.length === 0) this.admitted.delete(callId);
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

  /** Looks, a little later, for leases idle long enough to go back (and returns the store did not take). */
  private scheduleSweep(): void {
    if (this.sweep !== undefined || this.closed) return;
    this.sweep = setTimeout(() => {
      this.sweep = undefined;
      void this.serially(() => {
        const idleBefore = Date.now() - LEASE_IDLE_MS;
        const idle: Lease[] = [];
        let waiting = this.unreturned.length > 0;
        for (const lease of this.leases.values()) {
          if (lease.idleSince === undefined || lease.busy) continue;
          if (lease.idleSince <= idleBefore) idle.push(lease);
          else waiting = true;
        }
        if (waiting) this.scheduleSweep();
        return this.giveBack(idle);
      });
    }, LEASE_IDLE_MS);
    this.sweep.unref();
  }

  /** Forgets the leases and gives them back in the store, each down to what its calls in flight hold; what the store does not take is tried again later. */
  private async giveBack(leases: readonly Lease[]): Promise<void> {
    for (const lease of leases) this.leases.delete(lease.key);
    const returns = [...this.unreturned, ...leases.map((lease) => ({ leaseId: lease.id, keepUsd: lease.inFlightUsd }))];
    this.unreturned = [];
    if (returns.length === 0) return;
    try {
      await this.whileBusy(leases, () => this.store.returnLeases(returns));
    } catch {
      this.unreturned = returns;
      this.scheduleSweep();
    }
  }

  private serially<T>(work: () => T | Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
