/**
 * `npm run postgres [-- --port N]`: starts a throw-away PostgreSQL server on 127.0.0.1 (Debian's,
 * installed with apt when missing), prints `export DATABASE_URL=…`, and stops it on Ctrl-C.
 */
import { parseArgs } from "node:util";
import { startPostgresServer } from "./postgres-server";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: "string" } } });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65_536)) throw new Error(`--port must be a whole number from 1 to 65535, got "${values.port}".`);
  const server = await startPostgresServer({ port });
  process.stdout.write(`PostgreSQL running at ${server.url} (pid ${server.pid}, cluster in ${server.baseDir})\nexport DATABASE_URL=${server.url}\nPress Ctrl-C to stop it.\n`);
  const shutdown = (): void => {
    void server.stop().then(() => {
      process.stdout.write("PostgreSQL stopped.\n");
      process.exit(0);
    });
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
