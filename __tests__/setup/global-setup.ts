import { startChromaServer } from "../../scripts/chroma/chroma-server";
import { rememberChromaServer } from "./chroma-handle";
import { setUpPostgres } from "./postgres-handle";

/** Fails the run with a clear message when a given CHROMA_URL does not answer its heartbeat. */
async function assertHeartbeat(url: string): Promise<void> {
  try {
    const response = await fetch(new URL("/api/v2/heartbeat", url), { signal: AbortSignal.timeout(5_000) });
    if (response.ok) return;
    throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    throw new Error(
      `CHROMA_URL=${url} is set but GET /api/v2/heartbeat failed (${(error as Error).message}). ` +
        `Start it (npm run chroma) or unset CHROMA_URL so the tests start their own server.`,
      { cause: error },
    );
  }
}

/**
 * jest globalSetup: one real Chroma server for the whole run, exposed to the test workers as
 * `process.env.CHROMA_URL` (workers inherit the parent's environment). Reuses a server that
 * CHROMA_URL already names. Throws, failing the run, when the server cannot start.
 */
export default async function globalSetup(): Promise<void> {
  await setUpPostgres();
  const given = process.env.CHROMA_URL;
  if (given) {
    await assertHeartbeat(given);
    process.stderr.write(`[chroma] Using the Chroma server at CHROMA_URL=${given}; starting none.\n`);
    return;
  }
  const server = await startChromaServer();
  rememberChromaServer(server);
  process.env.CHROMA_URL = server.url;
  process.stderr.write(`[chroma] Chroma server for the tests at ${server.url} (pid ${server.pid}).\n`);
}
