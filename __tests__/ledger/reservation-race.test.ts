import { randomUUID } from "node:crypto";
import type { Ledger } from "../../src/ledger/ledger";
import type { CostLedger } from "../../src/ledger/ledger-types";
import { freshStore, type TestStore } from "../helpers/ledger-stores";

/**
 * The store's check-and-reserve alone, without the calls around it, so that reservations really
 * race: four ledgers (four connection pools, as four processes have) each ask for 100 reservations
 * at once against one budget. However they interleave, the budget admits exactly as many as fit.
 */
describe("PostgreSQL reservations racing for one budget", () => {
  let store: TestStore;
  const ledgers: CostLedger[] = [];
  beforeAll(async () => {
    store = await freshStore("PostgreSQL");
  });
  afterAll(async () => {
    await Promise.all(ledgers.map((ledger) => ledger.close()));
    await store.remove();
  });

  test("400 reservations at once over 40 connections, five times: exactly the 128 that fit are admitted each time", async () => {
    ledgers.push(...[0, 1, 2, 3].map(() => store.ledger()));
    const stores = (ledgers as unknown as Ledger[]).map((ledger) => ledger.store);
    await Promise.all(stores.map((each) => each.recordedDimensions())); // schema ready and pools warm before the race
    // Amounts exact in binary (1/512 of a dollar, a $0.25 budget): the sums hold no rounding, so exactly 128 fit.
    const usd = 1 / 512;
    for (let round = 0; round < 5; round++) {
      const now = Date.now();
      const check = { dimension: "all", value: "", sinceDay: "", limitUsd: 0.25 };
      const ids = stores.map(() => Array.from({ length: 100 }, () => randomUUID()));
      const outcomes = await Promise.all(stores.flatMap((each, index) => ids[index]!.map((callId) => each.reserve({ callId, usd, now, expiresAt: now + 600_000, checks: [check] }))));
      expect([round, outcomes.filter((outcome) => outcome.admitted).length]).toEqual([round, 128]);
      expect(await stores[0]!.reservedUsd(now)).toBe(0.25);
      await Promise.all(stores.flatMap((each, index) => ids[index]!.map((callId) => each.release(callId))));
    }
  });
});
