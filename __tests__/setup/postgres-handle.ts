import { Client } from "pg";
import { startPostgresServer, type PostgresServer } from "../../scripts/postgres/postgres-server";

/**
 * The PostgreSQL server that jest's globalSetup started, kept on `globalThis` for globalTeardown
 * (both run in jest's parent process; test workers see `process.env.DATABASE_URL`).
 */
const globals = globalThis as typeof globalThis & { __orchestrataiPostgresServer?: PostgresServer };

async function assertConnects(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new Error(
      `DATABASE_URL=${url} is set but the server did not answer (${(error as Error).message}). ` +
        `Start it (npm run postgres) or unset DATABASE_URL so the tests start their own server.`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * For globalSetup: one real PostgreSQL server for the whole run, as `process.env.DATABASE_URL`
 * (workers inherit it; each test makes its own database on it). Uses the server DATABASE_URL
 * names when it is set.
 */
export async function setUpPostgres(): Promise<void> {
  const given = process.env.DATABASE_URL;
  if (given) {
    await assertConnects(given);
    process.stderr.write(`[postgres] Using the server at DATABASE_URL; starting none.\n`);
    return;
  }
  const server = await startPostgresServer();
  globals.__orchestrataiPostgresServer = server;
  process.env.DATABASE_URL = server.url;
  process.stderr.write(`[postgres] PostgreSQL for the tests at ${server.url} (pid ${server.pid}).\n`);
}

/** For globalTeardown: stops the server that {@link setUpPostgres} started (none if DATABASE_URL was given). */
export async function tearDownPostgres(): Promise<void> {
  const server = globals.__orchestrataiPostgresServer;
  if (server === undefined) return;
  delete globals.__orchestrataiPostgresServer;
  await server.stop();
  delete process.env.DATABASE_URL;
}
