import { TABLES } from "./ledger-columns";
import type { Migrations } from "./migrations";

/**
 * Reserves a call's worst case against its budgets in one statement. For each budget, in the
 * caller's order (sorted, so reservers never deadlock): lock its row (`SELECT … FOR UPDATE`,
 * creating it the first time), then read spend and live reservations in ONE query (one snapshot,
 * so a call settling meanwhile is seen either as reserved or as spent, never as neither). The
 * reservations are inserted only when every budget admits the call; the locks are held until the
 * statement commits. Returns the 0-based index of the refusing budget with what it holds, or a
 * NULL index when admitted. Its statements keep one plan per connection (`plan_cache_mode`):
 * planned on every call, they cost more than they run.
 */
const RESERVE_FUNCTION = `CREATE OR REPLACE FUNCTION orchestratai_llm_reserve(
    p_call_id text, p_usd double precision, p_now bigint, p_expires bigint,
    p_dimensions text[], p_values text[], p_since text[], p_limits double precision[])
  RETURNS TABLE (refused integer, spent double precision, reserved double precision)
  LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  i integer;
  v_dimension text;
  v_value text;
  v_spent double precision;
  v_reserved double precision;
BEGIN
  FOR i IN 1 .. coalesce(array_length(p_dimensions, 1), 0) LOOP
    v_dimension := p_dimensions[i];
    v_value := p_values[i];
    PERFORM 1 FROM ${TABLES.locks} WHERE dimension = v_dimension AND value = v_value FOR UPDATE;
    IF NOT FOUND THEN
      INSERT INTO ${TABLES.locks} (dimension, value) VALUES (v_dimension, v_value) ON CONFLICT DO NOTHING;
      PERFORM 1 FROM ${TABLES.locks} WHERE dimension = v_dimension AND value = v_value FOR UPDATE;
    END IF;
    SELECT
      (SELECT coalesce(sum(s.usd), 0) FROM ${TABLES.spend} s WHERE s.dimension = v_dimension AND s.value = v_value AND s.day >= p_since[i]),
      (SELECT coalesce(sum(r.usd), 0) FROM ${TABLES.reservations} r
        WHERE r.dimension = v_dimension AND r.value = v_value AND r.expires_at > p_now AND r.call_id <> p_call_id)
      INTO v_spent, v_reserved;
    IF v_spent >= p_limits[i] OR v_spent + v_reserved + p_usd > p_limits[i] THEN
      RETURN QUERY SELECT i - 1, v_spent, v_reserved;
      RETURN;
    END IF;
  END LOOP;
  FOR i IN 1 .. coalesce(array_length(p_dimensions, 1), 0) LOOP
    DELETE FROM ${TABLES.reservations} WHERE dimension = p_dimensions[i] AND value = p_values[i] AND expires_at <= p_now;
    INSERT INTO ${TABLES.reservations} (call_id, dimension, value, usd, expires_at)
      VALUES (p_call_id, p_dimensions[i], p_values[i], p_usd, p_expires) ON CONFLICT DO NOTHING;
  END LOOP;
  RETURN QUERY SELECT NULL::integer, 0::double precision, 0::double precision;
END $$`;

/** The PostgreSQL schema, version by version. Days are text in the "C" collation, so they sort as dates. */
export const POSTGRES_MIGRATIONS: Migrations = [
  [
    `CREATE TABLE ${TABLES.calls} (
      id text PRIMARY KEY, at timestamptz NOT NULL, kind text NOT NULL, provider text, requested_model text, model text NOT NULL,
      role text, node text, thread_id text,
      tokens_input integer NOT NULL, tokens_output integer NOT NULL, cache_read integer NOT NULL, cache_write integer NOT NULL,
      reasoning integer, cache_write_1h integer, service_tier text,
      cost double precision NOT NULL, estimated boolean NOT NULL, priced boolean NOT NULL,
      priced_source text, priced_model text, priced_checked text, unpriced_tier text)`,
    `CREATE INDEX ${TABLES.calls}_at ON ${TABLES.calls} (at)`,
    `CREATE TABLE ${TABLES.spend} (dimension text NOT NULL, value text NOT NULL, day text COLLATE "C" NOT NULL, usd double precision NOT NULL,
      PRIMARY KEY (dimension, value, day))`,
    `CREATE TABLE ${TABLES.reservations} (call_id text NOT NULL, dimension text NOT NULL, value text NOT NULL, usd double precision NOT NULL,
      expires_at bigint NOT NULL, PRIMARY KEY (call_id, dimension, value))`,
    `CREATE INDEX ${TABLES.reservations}_budget ON ${TABLES.reservations} (dimension, value, expires_at)`,
    `CREATE TABLE ${TABLES.locks} (dimension text NOT NULL, value text NOT NULL, PRIMARY KEY (dimension, value))`,
    RESERVE_FUNCTION,
  ],
];
