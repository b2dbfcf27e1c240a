import { takeChromaServer } from "./chroma-handle";

/** jest globalTeardown: stops the Chroma server that globalSetup started (none if CHROMA_URL was given). */
export default async function globalTeardown(): Promise<void> {
  const server = takeChromaServer();
  if (!server) return;
  await server.stop();
  delete process.env.CHROMA_URL;
}
