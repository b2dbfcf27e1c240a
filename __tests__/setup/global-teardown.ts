import { takeChromaServer } from "./chroma-handle";
import { tearDownPostgres } from "./postgres-handle";

/** jest globalTeardown: stops the Chroma server that globalSetup started (none if CHROMA_URL was given). */
export default async function globalTeardown(): Promise<void> {
  await tearDownPostgres();
  const server = takeChromaServer();
  if (!server) return;
  await server.stop();
  delete process.env.CHROMA_URL;
}
