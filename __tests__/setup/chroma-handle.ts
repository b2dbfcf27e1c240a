import type { ChromaServer } from "../../scripts/chroma/chroma-server";

/**
 * The Chroma server that jest's globalSetup started, kept on `globalThis` for globalTeardown
 * (both run in jest's parent process; test workers only see `process.env.CHROMA_URL`).
 */
const globals = globalThis as typeof globalThis & { __orchestrataiChromaServer?: ChromaServer };

/** Remembers the server that globalSetup started. */
export function rememberChromaServer(server: ChromaServer): void {
  globals.__orchestrataiChromaServer = server;
}

/** Returns and forgets the server that globalSetup started, if it started one. */
export function takeChromaServer(): ChromaServer | undefined {
  const server = globals.__orchestrataiChromaServer;
  delete globals.__orchestrataiChromaServer;
  return server;
}
