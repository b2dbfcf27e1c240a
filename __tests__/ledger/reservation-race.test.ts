import { randomUUID } from "node:crypto";
import type { Ledger } from "../../src/ledger/ledger";
import type { CostLedger } from "../../src/ledger/ledger-types";
import { freshStore, type TestStore } from "../helpers/ledger-stores";

/**
 * The ledger's admission alone, without the calls around it, so that admissions really race: four
 * ledgers (four connection pools, as four processes have) each admit 100 calls at once against one
 * budget, through their leases. However they interleave, the budget admits exactly as many as fit.
 */
describe("PostgreSQL budget leases racing for one budget", () => {
  let store: TestStore;
  const ledgers: CostLedger[] = [];
  beforeAll(async () => {
    store = await freshStore("PostgreSQL");
  });
  afterAll(async () => {
    await Promise.all(ledgers.map((ledger) => ledger.close()));
    await store.remove();
  });

  test("400 admissions at once from four processes, five times: exactly the 128 that fit are admitted each time", async () => {
    // Amounts exact in binary (1/512 of a dollar, a $0.25 budget): the sums hold no rounding, so exactly 128 fit.
    const usd = 1 / 512;
    for (let round = 0; round < 5; round++) {
      const processes = [0, 1, 2, 3].map(() => store.ledger() as unknown as Ledger);
      ledgers.push(...(processes as unknown as CostLedger[]));
      const stores = processes.map((ledger) => ledger.store);
      await Promise.all(stores.map((each) => each.recordedDimensions())); // schema ready and pools warm before the race
      const now = Date.now();
      const check = { dimension: "all", value: "", sinceDay: "", limitUsd: 0.25 };
      const ids = stores.map(() => Array.from({ length: 100 }, () => randomUUID()));
      const outcomes = await Promise.all(processes.flatMap((each, index) => ids[index]!.map((callId) => each.budgets.admit({ callId, usd, now, expiresAt: now + 600_000, checks: [check] }))));
      expect([round, outcomes.filter((outcome) => outcome.admitted).length]).toEqual([round, 128]);
      expect(await stores[0]!.reservedUsd(now)).toBe(0.25);
      await Promise.all(processes.flatMap((each, index) => ids[index]!.map((callId) => each.budgets.released(callId))));
      await Promise.all(processes.map((each) => each.close())); // the leases go back
      expect(await store.sql("SELECT call_id FROM orchestratai_llm_reservations")).toEqual([]);
    }
  });
});
