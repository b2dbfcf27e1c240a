import type { BudgetKeeper, LeaseDebit, ReservationOutcome, ReservationRequest, ReservingStore } from "./ledger-store";

/** Budgets kept by reserving each call in the store (SQLite): the call's row removes its reservation. */
export class StoreReservations implements BudgetKeeper {
  /** @inheritdoc */
  readonly holders = "calls in flight";

  constructor(private readonly store: ReservingStore) {}

  /** @inheritdoc */
  admit(request: ReservationRequest): Promise<ReservationOutcome> {
    return this.store.reserve(request);
  }

  /** @inheritdoc */
  debitsOf(): LeaseDebit[] | undefined {
    return undefined;
  }

  /** @inheritdoc */
  settled(): void {}

  /** @inheritdoc */
  replayed(): void {}

  /** @inheritdoc */
  released(callId: string): Promise<void> {
    // When the store is away the reservation simply expires.
    return this.store.release(callId).catch(() => undefined);
  }

  /** @inheritdoc */
  async close(): Promise<void> {}
}
