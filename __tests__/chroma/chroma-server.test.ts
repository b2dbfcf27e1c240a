import { ChromaNotFoundError, type Collection } from "chromadb";
import { chromaClient, chromaUrl } from "../helpers/chroma";

const DIMENSIONS = 3072;
const BLOCK = DIMENSIONS / 3;

/** A 3072-dim vector made of three 1024-dim blocks with the given values. */
function blockVector(blocks: [number, number, number]): number[] {
  return Array.from({ length: DIMENSIONS }, (_, i) => blocks[Math.floor(i / BLOCK)] ?? 0);
}

const records = {
  ids: ["alpha", "beta", "gamma"],
  embeddings: [blockVector([1, 0, 0]), blockVector([0, 1, 0]), blockVector([0, 0.5, 1])],
  documents: ["Invoices are due in 30 days.", "Refunds take five business days.", "Refunds over $500 need approval."],
  metadatas: [
    { topic: "billing", rank: 1 },
    { topic: "refunds", rank: 2 },
    { topic: "refunds", rank: 3 },
  ],
};

describe("real Chroma server from jest globalSetup", () => {
  const url = chromaUrl();
  const client = chromaClient();
  const name = `orchestratai-smoke-${process.pid}-${Date.now()}`;
  let collection: Collection;

  beforeAll(async () => {
    collection = await client.createCollection({ name, embeddingFunction: null, metadata: { purpose: "smoke" } });
  });

  afterAll(async () => {
    await client.deleteCollection({ name }).catch(() => undefined); // already gone when the last test passed
  });

  it("answers the v2 heartbeat on 127.0.0.1", async () => {
    expect(url.hostname).toBe("127.0.0.1");
    const response = await fetch(new URL("/api/v2/heartbeat", url));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    // the heartbeat is the server's clock in nanoseconds: the same machine, so within a minute of ours
    const serverMs = Number(body["nanosecond heartbeat"]) / 1e6;
    expect(Math.abs(serverMs - Date.now())).toBeLessThan(60_000);
    expect(Math.abs((await client.heartbeat()) / 1e6 - Date.now())).toBeLessThan(60_000);
  });

  it("stores 3072-dim embeddings and returns the nearest neighbours with squared L2 distances", async () => {
    await collection.add(records);
    expect(await collection.count()).toBe(3);

    const result = await collection.query({
      queryEmbeddings: [records.embeddings[1] ?? []],
      nResults: 3,
      include: ["documents", "metadatas", "distances"],
    });
    expect(result.ids).toEqual([["beta", "gamma", "alpha"]]);
    // squared L2: beta–gamma = 1024 * (0.5² + 1²) = 1280, beta–alpha = 1024 * (1 + 1) = 2048
    expect(result.distances[0]?.[0]).toBeCloseTo(0, 5);
    expect(result.distances[0]?.[1]).toBeCloseTo(1280, 2);
    expect(result.distances[0]?.[2]).toBeCloseTo(2048, 2);
    expect(result.documents).toEqual([["Refunds take five business days.", "Refunds over $500 need approval.", "Invoices are due in 30 days."]]);
    expect(result.metadatas).toEqual([
      [
        { topic: "refunds", rank: 2 },
        { topic: "refunds", rank: 3 },
        { topic: "billing", rank: 1 },
      ],
    ]);

    const stored = await collection.get({ ids: ["gamma"], include: ["embeddings"] });
    expect(stored.embeddings[0]).toHaveLength(DIMENSIONS);
    expect(stored.embeddings[0]?.slice(BLOCK - 1, BLOCK + 1)).toEqual([0, 0.5]);
  });

  it("deletes the collection", async () => {
    await client.deleteCollection({ name });
    await expect(client.getCollection({ name })).rejects.toThrow(ChromaNotFoundError);
  });
});
