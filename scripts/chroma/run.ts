/**
 * `npm run chroma [-- --port N]`: starts a real Chroma server (the chromadb package's own
 * `chroma run`) on 127.0.0.1 with a temp data dir, prints its URL, and stops it on Ctrl-C.
 */
import { parseArgs } from "node:util";
import { startChromaServer } from "./chroma-server";

const DEFAULT_PORT = 8000;

function parsePort(value: string | undefined): number {
  const port = Number(value ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`--port must be a whole number from 1 to 65535, got "${value}".`);
  }
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: "string" } } });
  const server = await startChromaServer({ port: parsePort(values.port) });
  process.stdout.write(
    `Chroma server running at ${server.url} (pid ${server.pid}, data in ${server.dataDir})\n` +
      `export CHROMA_URL=${server.url}\n` +
      `Press Ctrl-C to stop it.\n`,
  );
  let stopping = false;
  const shutdown = (): void => {
    stopping = true;
    void server.stop().then(() => {
      process.stdout.write("Chroma server stopped.\n");
      process.exit(0);
    });
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  const exit = await server.exited;
  if (stopping) return; // Ctrl-C reaches the server too; shutdown() finishes the job
  process.stderr.write(`The Chroma server ended by itself (code ${exit.code}, signal ${exit.signal}).\n`);
  await server.stop();
  process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
