import { ChromaClient } from "chromadb";

/** The URL of the Chroma server that jest's globalSetup started (or that CHROMA_URL named before the run). */
export function chromaUrl(): URL {
  const url = process.env.CHROMA_URL;
  if (!url) throw new Error("CHROMA_URL is not set: jest's globalSetup (__tests__/setup/global-setup.ts) did not run.");
  return new URL(url);
}

/** A new client of the Chroma server at {@link chromaUrl}. */
export function chromaClient(): ChromaClient {
  const { hostname, port } = chromaUrl();
  return new ChromaClient({ host: hostname, port: Number(port), ssl: false });
}

/** Names `<prefix>-<pid>-<n>` for collections the enclosing block creates, each deleted (if it exists) through `client` after all its tests. */
export function useCollectionNames(client: ChromaClient, prefix: string): () => string {
  const created: string[] = [];
  afterAll(async () => {
    await Promise.all(created.map((name) => client.deleteCollection({ name }).catch(() => undefined)));
  });
  return () => {
    const name = `${prefix}-${process.pid}-${created.length}`;
    created.push(name);
    return name;
  };
}
