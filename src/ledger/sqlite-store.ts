import type BetterSqlite3 from "better-sqlite3";
import { ConfigurationError } from "../errors";
import { dimensionColumn } from "./dimensions";
import { callColumns, callValues, TABLES, type CallColumn } from "./ledger-columns";
import { spendKeys, type LedgerRow } from "./ledger-row";
import { aggregateStatement, groupRowOf, type AggregateRecord, type SqlDialect } from "./ledger-sql";
import { budgetRefuses, type GroupRow, type ReservingStore, type ReservationOutcome, type ReservationRequest, type RowFilter } from "./ledger-store";
import { dimensionColumnDdl, pendingMigrations, SCHEMA_TABLE_DDL } from "./migrations";
import { SQLITE_MIGRATIONS } from "./sqlite-schema";

/** The better-sqlite3 module (its default export, the Database class). */
export type SqliteDriver = typeof BetterSqlite3;

/** What a SQLite store is opened with. */
export interface SqliteStoreOptions {
  path: string;
  dimensions: readonly string[];
  /** How long a write waits for another process's transaction (SQLite's busy timeout). */
  busyTimeoutMs: number;
  /** SQLite's `synchronous` setting: when a commit is synced to disk. */
  synchronous: "normal" | "full";
}

const DIALECT: SqlDialect = {
  param: () => "?",
  aggregates:
    "count(*) AS calls, total(cost) AS cost_usd, total(tokens_input) AS tokens_input, total(tokens_output) AS tokens_output, " +
    "total(estimated) AS estimated, total(1 - priced) AS unpriced, total(reasoning) AS tokens_reasoning, " +
    "total(priced_source = 'genai-prices') AS second_source, total(unpriced_tier IS NOT NULL) AS unpriced_tier",
};

/** SQLite binds no booleans: flags are 0 / 1. */
function bindable(value: string | number | boolean | null): string | number | null {
  return typeof value === "boolean" ? (value ? 1 : 0) : value;
}

/**
 * The ledger in one SQLite file (better-sqlite3), safe for many processes on one machine: WAL, a
 * busy timeout, and every write and reservation in a `BEGIN IMMEDIATE` transaction (SQLite's one
 * writer at a time makes a budget's check-and-reserve atomic across processes).
 */
export class SqliteStore implements ReservingStore {
  readonly description: string;
  private readonly db: BetterSqlite3.Database;
  private readonly columns: CallColumn[];
  private readonly queries = new Map<string, BetterSqlite3.Statement>();
  private readonly statements: Record<"insertCall" | "addSpend" | "dropReservations" | "spent" | "reserved" | "dropExpired" | "reserve" | "reservedNow", BetterSqlite3.Statement>;
  private readonly writeRows: BetterSqlite3.Transaction<(rows: readonly LedgerRow[]) => void>;
  private readonly reserveCall: BetterSqlite3.Transaction<(request: ReservationRequest) => ReservationOutcome>;

  constructor(Driver: SqliteDriver, options: SqliteStoreOptions) {
    this.description = `SQLite ledger ${options.path}`;
    try {
      this.db = new Driver(options.path, { timeout: options.busyTimeoutMs });
    } catch (error) {
      throw new ConfigurationError(`The SQLite ledger ${options.path} cannot be opened (${(error as Error).message}): give a path in a folder that exists and this process may write.`, { cause: error });
    }
    this.db.pragma("journal_mode = WAL");
    this.db.pragma(`synchronous = ${options.synchronous === "full" ? "FULL" : "NORMAL"}`);
    this.migrate(options.dimensions);
    this.columns = callColumns(options.dimensions);
    const prepare = (text: string) => this.db.prepare(text);
    const names = this.columns.map((column) => `"${column.name}"`).join(", ");
    this.statements = {
      insertCall: prepare(`INSERT INTO ${TABLES.calls} (${names}) VALUES (${this.columns.map(() => "?").join(", ")}) ON CONFLICT (id) DO NOTHING`),
      addSpend: prepare(`INSERT INTO ${TABLES.spend} (dimension, value, day, usd) VALUES (?, ?, ?, ?) ON CONFLICT (dimension, value, day) DO UPDATE SET usd = usd + excluded.usd`),
      dropReservations: prepare(`DELETE FROM ${TABLES.reservations} WHERE call_id = ?`),
      spent: prepare(`SELECT total(usd) AS usd FROM ${TABLES.spend} WHERE dimension = ? AND value = ? AND day >= ?`),
      reserved: prepare(`SELECT total(usd) AS usd FROM ${TABLES.reservations} WHERE dimension = ? AND value = ? AND expires_at > ? AND call_id <> ?`),
      dropExpired: prepare(`DELETE FROM ${TABLES.reservations} WHERE dimension = ? AND value = ? AND expires_at <= ?`),
      reserve: prepare(`INSERT INTO ${TABLES.reservations} (call_id, dimension, value, usd, expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
      reservedNow: prepare(`SELECT total(usd) AS usd FROM (SELECT max(usd) AS usd FROM ${TABLES.reservations} WHERE expires_at > ? GROUP BY call_id)`),
    };
    this.writeRows = this.db.transaction((rows: readonly LedgerRow[]) => {
      for (const row of rows) {
        const { changes } = this.statements.insertCall.run(...callValues(row, this.columns).map(bindable));
        if (changes > 0) for (const key of spendKeys(row)) this.statements.addSpend.run(key.dimension, key.value, key.day, row.cost);
        this.statements.dropReservations.run(row.id);
      }
    });
    this.reserveCall = this.db.transaction((request: ReservationRequest): ReservationOutcome => {
      const { callId, usd, now } = request;
      for (const [index, check] of request.checks.entries()) {
        const spentUsd = (this.statements.spent.get(check.dimension, check.value, check.sinceDay) as { usd: number }).usd;
        const reservedUsd = (this.statements.reserved.get(check.dimension, check.value, now, callId) as { usd: number }).usd;
        if (budgetRefuses(check.limitUsd, spentUsd, reservedUsd, usd)) return { admitted: false, index, spentUsd, reservedUsd };
      }
      for (const check of request.checks) {
        this.statements.dropExpired.run(check.dimension, check.value, now);
        this.statements.reserve.run(callId, check.dimension, check.value, usd, request.expiresAt);
      }
      return { admitted: true };
    });
  }

  /** @inheritdoc */
  async write(rows: readonly LedgerRow[]): Promise<void> {
    this.writeRows.immediate(rows);
  }

  /** @inheritdoc */
  async reserve(request: ReservationRequest): Promise<ReservationOutcome> {
    return this.reserveCall.immediate(request);
  }

  /** @inheritdoc */
  async release(callId: string): Promise<void> {
    this.statements.dropReservations.run(callId);
  }

  /** @inheritdoc */
  async recordedDimensions(): Promise<string[]> {
    return this.dimensionColumns().map((column) => column.slice(dimensionColumn("").length));
  }

  /** @inheritdoc */
  async aggregate(filter: RowFilter, groupColumn?: string): Promise<GroupRow[]> {
    const { text, values } = aggregateStatement(DIALECT, filter, groupColumn);
    let statement = this.queries.get(text);
    if (statement === undefined) this.queries.set(text, (statement = this.db.prepare(text)));
    return (statement.all(...values) as AggregateRecord[]).map(groupRowOf);
  }

  /** @inheritdoc */
  async reservedUsd(now: number): Promise<number> {
    return (this.statements.reservedNow.get(now) as { usd: number }).usd;
  }

  /** @inheritdoc */
  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private dimensionColumns(): string[] {
    const columns = this.db.prepare(`SELECT name FROM pragma_table_info('${TABLES.calls}')`).pluck().all() as string[];
    return columns.filter((name) => name.startsWith(dimensionColumn("")));
  }

  /** Brings the schema to this package's version, and adds a column per new dimension, in one transaction. */
  private migrate(dimensions: readonly string[]): void {
    this.db
      .transaction(() => {
        this.db.exec(SCHEMA_TABLE_DDL);
        const current = this.db.prepare(`SELECT coalesce(max(version), 0) FROM ${TABLES.schema}`).pluck().get() as number;
        for (const { version, statements } of pendingMigrations(current, SQLITE_MIGRATIONS, this.description)) {
          for (const statement of statements) this.db.exec(statement);
          this.db.prepare(`INSERT INTO ${TABLES.schema} (version, applied_at) VALUES (?, ?)`).run(version, new Date().toISOString());
        }
        const existing = this.dimensionColumns();
        for (const column of dimensions.map(dimensionColumn).filter((name) => !existing.includes(name))) {
          for (const statement of dimensionColumnDdl(column)) this.db.exec(statement);
        }
      })
      .immediate();
  }
}
