import { createHash } from "node:crypto";
import { TABLES, type CallColumn } from "./ledger-columns";

/** A function the store makes in its schema when it is missing (not part of a schema version: older processes keep theirs). */
export interface StoreFunction {
  name: string;
  ddl: string;
}

/** Names a function after its definition, so that a changed definition is a new function beside the old one. */
function storeFunction(prefix: string, ddlOf: (name: string) => string): StoreFunction {
  const hash = createHash("sha256").update(ddlOf("")).digest("hex").slice(0, 16);
  const name = `${prefix}_${hash}`;
  return { name, ddl: ddlOf(name) };
}

/**
 * The function that writes rows in ONE statement (so one round trip and one transaction): inserts
 * the rows whose id is new, adds exactly those rows' costs to their spend counters (in a fixed
 * order, so concurrent writers take the counters' row locks alike), removes the calls'
 * reservations and takes the new rows' worst cases off the leases they were admitted under (what is
 * left of a lease below 1e-12 USD is nothing). Rows, spend keys and debits come as JSON, which the server
 * reads in one pass. A function (one per set of columns) so that its plan is made once per
 * connection, whatever the caller's pool: planning the statement on every call cost more than
 * running it.
 */
export function writeFunction(columns: readonly CallColumn[]): StoreFunction {
  const names = columns.map((column) => `"${column.name}"`).join(", ");
  return storeFunction(
    "orchestratai_llm_write",
    (name) => `CREATE OR REPLACE FUNCTION ${name}(p_rows json, p_keys json, p_debits json) RETURNS integer
  LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  v_written integer;
BEGIN
  -- The leases first, in lease-id order (as renewals and returns take them): never a deadlock with them.
  PERFORM 1 FROM ${TABLES.reservations} AS r
    JOIN json_to_recordset(p_debits) AS debit(id text, lease text, dimension text, value text, usd float8)
      ON r.call_id = debit.lease AND r.dimension = debit.dimension AND r.value = debit.value
    ORDER BY r.call_id COLLATE "C" FOR UPDATE OF r;
  WITH given AS (
    SELECT ${names} FROM json_populate_recordset(NULL::${TABLES.calls}, p_rows)
  ), inserted AS (
    INSERT INTO ${TABLES.calls} (${names}) SELECT ${names} FROM given ON CONFLICT (id) DO NOTHING RETURNING id
  ), spent AS (
    INSERT INTO ${TABLES.spend} AS s (dimension, value, day, usd)
    SELECT key.dimension, key.value, key.day, sum(key.usd)
    FROM json_to_recordset(p_keys) AS key(id text, dimension text, value text, day text, usd float8)
    JOIN inserted ON inserted.id = key.id
    GROUP BY key.dimension, key.value, key.day ORDER BY key.dimension, key.value, key.day
    ON CONFLICT (dimension, value, day) DO UPDATE SET usd = s.usd + excluded.usd
  ), released AS (
    DELETE FROM ${TABLES.reservations} WHERE call_id IN (SELECT id FROM given)
  ), used AS (
    SELECT debit.lease, debit.dimension, debit.value, sum(debit.usd) AS usd
    FROM json_to_recordset(p_debits) AS debit(id text, lease text, dimension text, value text, usd float8)
    JOIN inserted ON inserted.id = debit.id
    GROUP BY debit.lease, debit.dimension, debit.value
  ), debited AS (
    UPDATE ${TABLES.reservations} AS r SET usd = CASE WHEN r.usd - used.usd < 1e-12 THEN 0 ELSE r.usd - used.usd END
    FROM used WHERE r.call_id = used.lease AND r.dimension = used.dimension AND r.value = used.value
  )
  SELECT count(*)::int INTO v_written FROM inserted;
  RETURN v_written;
END $$`,
  );
}

/**
 * Renews a process's leases for one call, in one statement. For each budget, in the caller's order
 * (sorted, so callers never deadlock): lock its row, then read spend and the live reservations and
 * leases of everyone else (not the caller's leases of this call: what it has in flight comes as
 * `p_in_flight`) in ONE query (one snapshot). The call is admitted when every budget has room for
 * what the process has in flight, plus the call; then each lease is set to that, plus spare room:
 * an eighth of what the budget has left beyond it, at most `p_spare`, and none when less than eight
 * calls' worth is left (so that near its end a budget is shared call by call, as reservations do),
 * expiring at `p_expires`. A refused process's lease of the refusing budget is cut back to what it
 * has in flight. Lease rows are written in lease-id order, as writes and returns lock them. Returns the 0-based index of
 * the refusing budget with what it holds (the process's own calls in flight included), or a NULL
 * index and the amounts granted.
 */
export const LEASE_FUNCTION = storeFunction(
  "orchestratai_llm_lease",
  (name) => `CREATE OR REPLACE FUNCTION ${name}(
    p_leases text[], p_usd double precision, p_in_flight double precision[], p_spare double precision, p_now bigint, p_expires bigint,
    p_dimensions text[], p_values text[], p_since text[], p_limits double precision[])
  RETURNS TABLE (refused integer, spent double precision, reserved double precision, granted double precision[])
  LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  v_count integer := coalesce(array_length(p_dimensions, 1), 0);
  k integer;
  v_spent double precision;
  v_reserved double precision;
  v_left double precision[] := '{}';
  v_granted double precision[] := '{}';
BEGIN
  FOR i IN 1 .. v_count LOOP
    PERFORM 1 FROM ${TABLES.locks} WHERE dimension = p_dimensions[i] AND value = p_values[i] FOR UPDATE;
    IF NOT FOUND THEN
      INSERT INTO ${TABLES.locks} (dimension, value) VALUES (p_dimensions[i], p_values[i]) ON CONFLICT DO NOTHING;
      PERFORM 1 FROM ${TABLES.locks} WHERE dimension = p_dimensions[i] AND value = p_values[i] FOR UPDATE;
    END IF;
    SELECT
      (SELECT coalesce(sum(s.usd), 0) FROM ${TABLES.spend} s WHERE s.dimension = p_dimensions[i] AND s.value = p_values[i] AND s.day >= p_since[i]),
      (SELECT coalesce(sum(r.usd), 0) FROM ${TABLES.reservations} r
        WHERE r.dimension = p_dimensions[i] AND r.value = p_values[i] AND r.expires_at > p_now AND r.call_id <> ALL (p_leases))
      INTO v_spent, v_reserved;
    IF v_spent >= p_limits[i] OR v_spent + v_reserved + p_in_flight[i] + p_usd > p_limits[i] THEN
      UPDATE ${TABLES.reservations} SET usd = least(usd, p_in_flight[i]) WHERE call_id = p_leases[i] AND dimension = p_dimensions[i] AND value = p_values[i];
      RETURN QUERY SELECT i - 1, v_spent, v_reserved + p_in_flight[i], NULL::double precision[];
      RETURN;
    END IF;
    v_left[i] := p_limits[i] - v_spent - v_reserved - p_in_flight[i] - p_usd;
  END LOOP;
  FOR i IN 1 .. v_count LOOP
    v_granted[i] := p_in_flight[i] + p_usd + CASE WHEN v_left[i] >= 8 * p_usd THEN least(p_spare, v_left[i] / 8) ELSE 0 END;
    DELETE FROM ${TABLES.reservations} WHERE dimension = p_dimensions[i] AND value = p_values[i] AND expires_at <= p_now AND call_id <> ALL (p_leases);
  END LOOP;
  FOR k IN SELECT s FROM generate_subscripts(p_leases, 1) AS s ORDER BY p_leases[s] COLLATE "C" LOOP
    INSERT INTO ${TABLES.reservations} (call_id, dimension, value, usd, expires_at)
      VALUES (p_leases[k], p_dimensions[k], p_values[k], v_granted[k], p_expires)
      ON CONFLICT (call_id, dimension, value) DO UPDATE SET usd = excluded.usd, expires_at = excluded.expires_at;
  END LOOP;
  RETURN QUERY SELECT NULL::integer, 0::double precision, 0::double precision, v_granted;
END $$`,
);
