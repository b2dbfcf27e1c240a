import type { Pool, PoolClient, QueryConfig, QueryResult, QueryResultRow } from "pg";
import { dimensionColumn } from "./dimensions";
import { callColumns, callValues, TABLES, type CallColumn } from "./ledger-columns";
import { LEASE_FUNCTION, writeFunction, type StoreFunction } from "./postgres-functions";
import { spendKeys, type LedgerRow } from "./ledger-row";
import { aggregateStatement, groupRowOf, type AggregateRecord, type SqlDialect } from "./ledger-sql";
import type { GroupRow, LeaseDebit, LeaseOutcome, LeaseRequest, LeasingStore, RowFilter } from "./ledger-store";
import { dimensionColumnDdl, pendingMigrations, SCHEMA_TABLE_DDL } from "./migrations";
import { POSTGRES_MIGRATIONS } from "./postgres-schema";

const DIALECT: SqlDialect = {
  param: (n) => `$${n}`,
  aggregates:
    "count(*)::float8 AS calls, coalesce(sum(cost), 0)::float8 AS cost_usd, coalesce(sum(tokens_input), 0)::float8 AS tokens_input, " +
    "coalesce(sum(tokens_output), 0)::float8 AS tokens_output, (count(*) FILTER (WHERE estimated))::float8 AS estimated, " +
    "(count(*) FILTER (WHERE NOT priced))::float8 AS unpriced, coalesce(sum(reasoning), 0)::float8 AS tokens_reasoning, " +
    "(count(*) FILTER (WHERE priced_source = 'genai-prices'))::float8 AS second_source, (count(*) FILTER (WHERE unpriced_tier IS NOT NULL))::float8 AS unpriced_tier",
};

/** Serialises schema migrations of processes starting at once (a transaction-scoped advisory lock). */
const MIGRATION_LOCK = `SELECT pg_advisory_xact_lock(hashtext('${TABLES.schema}'))`;

/** PostgreSQL's error code for a call of a function that does not exist. */
const UNDEFINED_FUNCTION = "42883";

/**
 * Gives leases back: each down to what it keeps (deleted when nothing). The rows are locked first in
 * lease-id order, the order the lease and write functions take them in, so that a return never
 * deadlocks with the process's own writes.
 */
const RETURN_LEASES = `WITH given AS (SELECT * FROM unnest($1::text[], $2::float8[]) AS g(id, keep)),
  locked AS MATERIALIZED (
    SELECT r.call_id, given.keep FROM ${TABLES.reservations} r JOIN given ON r.call_id = given.id ORDER BY r.call_id COLLATE "C" FOR UPDATE OF r),
  gone AS (DELETE FROM ${TABLES.reservations} r USING locked WHERE r.call_id = locked.call_id AND locked.keep <= 0)
  UPDATE ${TABLES.reservations} r SET usd = least(r.usd, locked.keep) FROM locked WHERE r.call_id = locked.call_id AND locked.keep > 0`;

/** What a PostgreSQL store is opened with. */
export interface PostgresStoreOptions {
  pool: Pool;
  /** Whether the store made the pool (and so ends it on close). */
  ownsPool: boolean;
  description: string;
  dimensions: readonly string[];
}

/**
 * The ledger in PostgreSQL (`pg`), for processes on many machines: each write is one statement,
 * each lease renewal one call of a function that locks the budgets' rows (`SELECT … FOR UPDATE`)
 * before it reads and leases. The schema is created and migrated on first use.
 */
export class PostgresStore implements LeasingStore {
  readonly description: string;
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly dimensions: readonly string[];
  private readonly columns: CallColumn[];
  /** The write function of this store's columns, and the prepared statements that call it and the lease function. */
  private readonly writeFunction: StoreFunction;
  private readonly write_: { name: string; text: string };
  private readonly lease_ = { name: LEASE_FUNCTION.name, text: `SELECT refused, spent, reserved, granted FROM ${LEASE_FUNCTION.name}($1::text[], $2::float8, $3::float8[], $4::float8, $5::bigint, $6::bigint, $7::text[], $8::text[], $9::text[], $10::float8[])` };
  private ready?: Promise<void>;

  constructor(options: PostgresStoreOptions) {
    this.pool = options.pool;
    this.ownsPool = options.ownsPool;
    this.description = options.description;
    this.dimensions = options.dimensions;
    this.columns = callColumns(options.dimensions);
    this.writeFunction = writeFunction(this.columns);
    this.write_ = { name: this.writeFunction.name, text: `SELECT ${this.writeFunction.name}($1::json, $2::json, $3::json) AS written` };
  }

  /** @inheritdoc */
  async write(rows: readonly LedgerRow[], debits: readonly LeaseDebit[] = []): Promise<void> {
    await this.prepared();
    const unique = [...new Map(rows.map((row) => [row.id, row])).values()];
    // Each row as an object keyed by column name (absent values null), as json_populate_recordset reads it.
    const given = unique.map((row) => {
      const values = callValues(row, this.columns);
      return Object.fromEntries(this.columns.map((column, index) => [column.name, values[index]]));
    });
    const keys = unique.flatMap((row) => spendKeys(row).map((key) => ({ id: row.id, usd: row.cost, ...key })));
    const used = debits.map((debit) => ({ id: debit.callId, lease: debit.leaseId, dimension: debit.dimension, value: debit.value, usd: debit.usd }));
    await this.callFunction({ ...this.write_, values: [JSON.stringify(given), JSON.stringify(keys), JSON.stringify(used)] });
  }

  /** @inheritdoc */
  async lease(request: LeaseRequest): Promise<LeaseOutcome> {
    await this.prepared();
    const { checks } = request;
    const values = [
      request.leaseIds,
      request.usd,
      request.inFlightUsd,
      request.spareUsd,
      request.now,
      request.expiresAt,
      checks.map((check) => check.dimension),
      checks.map((check) => check.value),
      checks.map((check) => check.sinceDay),
      checks.map((check) => check.limitUsd),
    ];
    const { rows } = await this.callFunction<{ refused: number | null; spent: number; reserved: number; granted: number[] | null }>({ ...this.lease_, values });
    const outcome = rows[0]!;
    return outcome.refused === null ? { admitted: true, grantedUsd: outcome.granted! } : { admitted: false, index: outcome.refused, spentUsd: outcome.spent, reservedUsd: outcome.reserved };
  }

  /** @inheritdoc */
  async returnLeases(leases: readonly { leaseId: string; keepUsd: number }[]): Promise<void> {
    await this.prepared();
    const values = [leases.map((lease) => lease.leaseId), leases.map((lease) => lease.keepUsd)];
    await this.pool.query({ name: `${LEASE_FUNCTION.name}_return`, text: RETURN_LEASES, values });
  }

  /** @inheritdoc */
  async recordedDimensions(): Promise<string[]> {
    await this.prepared();
    return (await this.dimensionColumns(this.pool)).map((column) => column.slice(dimensionColumn("").length));
  }

  /** @inheritdoc */
  async aggregate(filter: RowFilter, groupColumn?: string): Promise<GroupRow[]> {
    await this.prepared();
    const { text, values } = aggregateStatement(DIALECT, filter, groupColumn);
    return (await this.pool.query<AggregateRecord>(text, values)).rows.map(groupRowOf);
  }

  /** @inheritdoc */
  async reservedUsd(now: number): Promise<number> {
    await this.prepared();
    const { rows } = await this.pool.query<{ usd: number }>(
      `SELECT coalesce(sum(usd), 0)::float8 AS usd FROM (SELECT max(usd) AS usd FROM ${TABLES.reservations} WHERE expires_at > $1 GROUP BY call_id) AS held`,
      [now],
    );
    return rows[0]!.usd;
  }

  /** @inheritdoc */
  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  /** Calls one of the functions the store makes; when it is gone (dropped, a restore of the tables alone), the next use makes it again. */
  private async callFunction<Row extends QueryResultRow>(query: QueryConfig): Promise<QueryResult<Row>> {
    try {
      return await this.pool.query<Row>(query);
    } catch (error) {
      if ((error as { code?: unknown }).code === UNDEFINED_FUNCTION) this.ready = undefined;
      throw error;
    }
  }

  /** The schema, migrated once per store; a failure (the server away) is tried again on the next use. */
  private prepared(): Promise<void> {
    return (this.ready ??= this.migrate().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    }));
  }

  private async dimensionColumns(client: Pool | PoolClient): Promise<string[]> {
    const { rows } = await client.query<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name LIKE 'dim\\_%'`,
      [TABLES.calls],
    );
    return rows.map((row) => row.name);
  }

  /** Brings the schema to this package's version, and adds a column per new dimension, in one transaction. */
  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    let failure: Error | undefined;
    try {
      await client.query("BEGIN");
      await client.query(MIGRATION_LOCK);
      await client.query(SCHEMA_TABLE_DDL);
      const { rows } = await client.query<{ version: number }>(`SELECT coalesce(max(version), 0)::int AS version FROM ${TABLES.schema}`);
      for (const { version, statements } of pendingMigrations(rows[0]!.version, POSTGRES_MIGRATIONS, this.description)) {
        for (const statement of statements) await client.query(statement);
        await client.query(`INSERT INTO ${TABLES.schema} (version, applied_at) VALUES ($1, $2)`, [version, new Date().toISOString()]);
      }
      const existing = await this.dimensionColumns(client);
      for (const column of this.dimensions.map(dimensionColumn).filter((name) => !existing.includes(name))) {
        for (const statement of dimensionColumnDdl(column)) await client.query(statement);
      }
      // In this schema (where the function is made), not anywhere on the search path.
      for (const made of [this.writeFunction, LEASE_FUNCTION]) {
        const { rows: functions } = await client.query<{ found: boolean }>(
          "SELECT EXISTS (SELECT 1 FROM pg_proc WHERE proname = $1 AND pronamespace = current_schema()::regnamespace) AS found",
          [made.name],
        );
        if (!functions[0]!.found) await client.query(made.ddl);
      }
      await client.query("COMMIT");
    } catch (error) {
      failure = error as Error;
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release(failure);
    }
  }
}
