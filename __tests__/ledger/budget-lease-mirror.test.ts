import { randomUUID } from "node:crypto";
import type { Ledger } from "../../src/ledger/ledger";
import type { BudgetCheck, LeasingStore, ReservationOutcome } from "../../src/ledger/ledger-store";
import type { CostLedger } from "../../src/ledger/ledger-types";
import { freshStore, type TestStore } from "../helpers/ledger-stores";

const ALL: BudgetCheck = { dimension: "all", value: "", sinceDay: "", limitUsd: 3 };

/**
 * A process's leases against the store, through the ledger's budget keeper alone (no calls around
 * it, so the interleavings are exact): what the store holds never falls below what the process has
 * in flight, whatever crosses a renewal, a spooled row, an idle lease or a close.
 */
describe("PostgreSQL budget leases and the calls in flight", () => {
  let store: TestStore;
  const ledgers: CostLedger[] = [];
  beforeEach(async () => {
    store = await freshStore("PostgreSQL");
  });
  afterEach(async () => {
    await Promise.all(ledgers.splice(0).map((ledger) => ledger.close()));
    await store.remove();
  });

  const processLedger = (): Ledger => {
    const ledger = store.ledger();
    ledgers.push(ledger);
    return ledger as unknown as Ledger;
  };
  const admit = (ledger: Ledger, usd: number, checks: BudgetCheck[] = [ALL], callId: string = randomUUID()): Promise<ReservationOutcome & { callId: string }> => {
    const now = Date.now();
    return ledger.budgets.admit({ callId, usd, now, expiresAt: now + 600_000, checks }).then((outcome) => ({ ...outcome, callId }));
  };
  /** Holds the store's answers to renewals until `answer()`; `sent` resolves once the first has been made in the store. */
  const gateRenewals = (ledger: Ledger, fail = false) => {
    const leasing = ledger.store as LeasingStore;
    const lease = leasing.lease.bind(leasing);
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    let made!: () => void;
    const sent = new Promise<void>((resolve) => (made = resolve));
    leasing.lease = async (request) => {
      const outcome = await lease(request);
      made();
      await answered;
      if (fail) throw new Error("connection terminated (the answer was lost)");
      return outcome;
    };
    return { sent, answer, restore: () => (leasing.lease = lease) };
  };
  /** What the store holds for leases, per lease. */
  const held = async (): Promise<number[]> => (await store.sql<{ usd: number }>("SELECT usd FROM orchestratai_llm_reservations ORDER BY call_id")).map((row) => row.usd);

  test("a call that comes while a renewal is on its way waits for it, and is then held in the store too", async () => {
    const ledger = processLedger();
    const unbilled = await admit(ledger, 0.5);
    await ledger.budgets.released(unbilled.callId); // its room stays in the lease, spare
    expect(await held()).toEqual([0.5]);
    // The first needs more than the lease has: its renewal is answered only once the second has come, which would fit the old room.
    const gate = gateRenewals(ledger);
    const first = admit(ledger, 1);
    await gate.sent;
    const second = admit(ledger, 0.5);
    gate.answer();
    expect([(await first).admitted, (await second).admitted]).toEqual([true, true]);
    expect(await held()).toEqual([1.5]); // both in flight, both held (less than 8 calls' worth left: no spare)
  });

  test("a refusal counts the process's own calls in flight as reserved", async () => {
    const ledger = processLedger();
    await admit(ledger, 2.5);
    const refused = await admit(ledger, 1);
    expect(refused).toMatchObject({ admitted: false, index: 0, spentUsd: 0, reservedUsd: 2.5 });
    expect(await held()).toEqual([2.5]); // cut back to what is in flight
  });

  test("a day and a month budget of the same calls: the process's two leases do not count against each other", async () => {
    const ledger = processLedger();
    const day: BudgetCheck = { dimension: "all", value: "", sinceDay: "2026-12-01", limitUsd: 20 };
    const month: BudgetCheck = { dimension: "all", value: "", sinceDay: "2026-12-01", limitUsd: 1000 };
    const outcomes: boolean[] = [];
    for (let call = 0; call < 15; call++) outcomes.push((await admit(ledger, 1, [day, month])).admitted);
    expect(outcomes).toEqual(Array.from({ length: 15 }, () => true));
    expect((await admit(ledger, 6, [day, month])).admitted).toBe(false); // 15 + 6 > 20
  });

  test("a spooled row keeps its call in flight: a renewal still holds its room, until the row is replayed", async () => {
    const ledger = processLedger();
    const spooled = await admit(ledger, 1);
    ledger.budgets.settled(spooled.callId, "spooled");
    await admit(ledger, 1.5); // no room left in the lease: a renewal, with the spooled call in flight
    expect(await held()).toEqual([2.5]);
    ledger.budgets.replayed([spooled.callId]); // its row (and debit) are in: its room has left the lease
    expect((await admit(ledger, 0.5)).admitted).toBe(true); // a renewal: what is in flight, 1.5 + 0.5
    expect(await held()).toEqual([2]);
  });

  test("closing the ledger keeps what calls in flight hold; a lease with nothing in flight goes back", async () => {
    const ledger = processLedger();
    const tenant = (value: string): BudgetCheck => ({ dimension: "tenant", value, sinceDay: "", limitUsd: 3 });
    await admit(ledger, 1, [tenant("acme")]);
    const done = await admit(ledger, 1, [tenant("beta")]);
    ledger.budgets.settled(done.callId, "committed");
    await ledger.close();
    expect(await store.sql("SELECT value, usd FROM orchestratai_llm_reservations ORDER BY value")).toEqual([{ value: "acme", usd: 1 }]);
  });

  test("a lease idle for a second goes back while the process's other leases are busy", async () => {
    const ledger = processLedger();
    const tenant = (value: string): BudgetCheck => ({ dimension: "tenant", value, sinceDay: "", limitUsd: 100 });
    await admit(ledger, 1, [tenant("acme")]); // stays in flight
    const done = await admit(ledger, 1, [tenant("beta")]);
    ledger.budgets.settled(done.callId, "committed");
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // a sweep a second after its call ended (or one more)
    expect(await store.sql("SELECT value FROM orchestratai_llm_reservations")).toEqual([{ value: "acme" }]);
  });

  test("a call of no cost asks the store, which refuses it once the budget is spent", async () => {
    const ledger = processLedger();
    expect((await admit(ledger, 0.1)).admitted).toBe(true); // a lease with spare room
    await store.sql("INSERT INTO orchestratai_llm_spend (dimension, value, day, usd) VALUES ('all', '', '2026-12-01', 3)");
    expect(await admit(ledger, 0)).toMatchObject({ admitted: false, spentUsd: 3, reservedUsd: 0.1 });
  });

  test("a call written while a renewal is on its way counts as taken off the renewed lease (the store may have taken it off)", async () => {
    const ledger = processLedger();
    const running = await admit(ledger, 1); // a lease of 1, no spare (less than 8 calls' worth left)
    const gate = gateRenewals(ledger);
    const renewed = admit(ledger, 0.5); // the store sets the lease to 1 + 0.5
    await gate.sent;
    ledger.budgets.settled(running.callId, "committed"); // its row went in while the answer was on its way
    gate.answer();
    expect((await renewed).admitted).toBe(true);
    // Counted here: 1.5 - 1 = 0.5, all of it in flight; so the next call renews (in flight 0.5 + 0.8).
    expect((await admit(ledger, 0.8)).admitted).toBe(true);
    expect(await held()).toEqual([1.3]);
  });

  test("a renewal whose answer is lost counts only the calls in flight: the next call renews", async () => {
    const ledger = processLedger();
    const unbilled = await admit(ledger, 1);
    await ledger.budgets.released(unbilled.callId); // 1 spare in the lease
    const gate = gateRenewals(ledger, true);
    const lost = admit(ledger, 1.5); // made in the store (1.5), its answer lost
    gate.answer();
    await expect(lost).rejects.toThrow("answer was lost");
    gate.restore();
    expect(await held()).toEqual([1.5]);
    expect((await admit(ledger, 0.5)).admitted).toBe(true); // the old spare 1 is not counted on: a renewal
    expect(await held()).toEqual([0.5]);
  });

  test("a refusal cuts back only the refusing budget's lease", async () => {
    const ledger = processLedger();
    const all: BudgetCheck = { dimension: "all", value: "", sinceDay: "", limitUsd: 100 };
    const acme: BudgetCheck = { dimension: "tenant", value: "acme", sinceDay: "", limitUsd: 1 };
    await admit(ledger, 0.8, [all, acme]);
    expect(await admit(ledger, 0.5, [all, acme])).toMatchObject({ admitted: false, index: 1 });
    const rows = await store.sql<{ dimension: string; usd: number }>("SELECT dimension, usd FROM orchestratai_llm_reservations ORDER BY dimension");
    expect(rows).toEqual([
      { dimension: "all", usd: 0.8 + Math.min(32 * 0.8, (100 - 0.8) / 8) },
      { dimension: "tenant", usd: 0.8 },
    ]);
  });

  test("one run admitted by two trackers on the ledger ends twice; a budget listed twice is leased once", async () => {
    const ledger = processLedger();
    const run = await admit(ledger, 1, [ALL, ALL]);
    await admit(ledger, 1, [ALL], run.callId);
    expect(await held()).toEqual([2]); // both in flight (counting the first twice, for its budget listed twice, would make it 3)
    ledger.budgets.settled(run.callId, "committed");
    ledger.budgets.settled(run.callId, "committed");
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // nothing left in flight: the lease goes back
    expect(await held()).toEqual([]);
  });
});
