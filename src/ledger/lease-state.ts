import type { BudgetCheck } from "./ledger-store";

/* A process's budget leases as it mirrors them (see BudgetLeases): their shapes and keys. */

/** One lease: room a process holds against one budget (and window) in the store, mirrored here. */
export interface Lease {
  readonly id: string;
  readonly key: string;
  readonly check: BudgetCheck;
  /** At most what the store holds for the lease: set by each renewal, less the worst cases of the calls written since. */
  heldUsd: number;
  /** The worst cases of the process's calls in flight against it, and how many they are. */
  inFlightUsd: number;
  calls: number;
  /** The worst case of the last priced call it admitted (a call of no cost renews with spare room for calls like it). */
  callUsd: number;
  /** Calls admitted later than this (plus `LEASE_ADMITS_MS`) may outlive the lease (ms since the epoch). */
  expiresAt: number;
  /** A renewal or return is on its way to the store: nothing is admitted into the lease until it answers. */
  busy: boolean;
  /** Worst cases of calls written while the lease was busy (the store may or may not have taken them off). */
  writtenWhileBusy: number;
  /** When it last had no call in flight (undefined while calls are in flight). */
  idleSince?: number;
}

/** A call admitted under leases; a spooled row keeps it in flight until the row reaches the store. */
export interface Admitted {
  usd: number;
  expiresAt: number;
  leases: Lease[];
}

/** A lease to give back, down to what it keeps. */
export interface Return {
  leaseId: string;
  keepUsd: number;
}

/** A lease's key: one per budget counter, window and limit. */
export function keyOf(check: BudgetCheck): string {
  return `${check.dimension}\u0000${check.value}\u0000${check.sinceDay}\u0000${check.limitUsd}`;
}

/** The checks, each budget once (two budgets alike are one lease). */
export function distinct(checks: readonly BudgetCheck[]): readonly BudgetCheck[] {
  const keys = new Set(checks.map(keyOf));
  return keys.size === checks.length ? checks : checks.filter((check, index) => checks.findIndex((other) => keyOf(other) === keyOf(check)) === index);
}
