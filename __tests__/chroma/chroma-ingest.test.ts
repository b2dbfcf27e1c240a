import { createHash } from "node:crypto";
import { ChromaClient, type Collection } from "chromadb";
import { ChromaEmbeddingFunction, ChromaIngestError, ingestDocuments, stableDocumentId, type IngestProgress } from "../../src/chroma";
import { InputError, ProviderError } from "../../src/errors";
import type { OpenAIEmbeddingsProvider, OpenAIEmbeddingsSettings } from "../../src/providers/openai/openai-embeddings";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { fakeEmbedding } from "../../src/testing/fake-embeddings";
import { embeddingTokenCounts } from "../../src/testing/openai-usage-counts";
import { chromaClient, chromaUrl, useCollectionNames } from "../helpers/chroma";
import { openAIEmbeddingsAt, useOpenAIStandIn } from "../helpers/stand-ins";

/** text-embedding-3-large, USD per token. */
const PRICE_PER_TOKEN = 0.13 / 1e6;

const corpus = [
  { text: "Invoices are payable within thirty days of the invoice date.", metadata: { topic: "billing", rank: 1 } },
  { text: "Refunds are processed within five business days after approval.", metadata: { topic: "refunds", rank: 2 } },
  { text: "Passwords must be rotated every ninety days for security.", metadata: { topic: "security", rank: 3 } },
  { text: "The office is closed on public holidays and weekends.", metadata: { topic: "office", rank: 4 } },
  { text: "Shipping to Europe takes seven to ten days by courier.", metadata: { topic: "shipping", rank: 5 } },
  { text: "Support tickets are answered by the helpdesk within one hour.", metadata: { topic: "support", rank: 6 } },
];
const documents = corpus.map((entry) => entry.text);
const metadatas = corpus.map((entry) => entry.metadata);

const server = useOpenAIStandIn();
const client = chromaClient();
const collectionName = useCollectionNames(client, "orchestratai-ingest");
let tracker: CostTracker;
let provider: OpenAIEmbeddingsProvider;

function embeddingsProvider(settings: OpenAIEmbeddingsSettings = {}): OpenAIEmbeddingsProvider {
  return openAIEmbeddingsAt(server, { tracker, metadata: { role: "embeddings" }, ...settings });
}

/** A fresh collection embedded by `embeddingFunction` (default: the test's provider). */
async function newCollection(embeddingFunction: ChromaEmbeddingFunction | null = new ChromaEmbeddingFunction(provider)): Promise<Collection> {
  return client.createCollection({ name: collectionName(), embeddingFunction });
}

/** Inputs per embeddings request the stand-in received, in order. */
function inputsPerRequest(): number[] {
  return server.requests.filter((request) => request.operation === "embeddings").map((request) => (request.body as { input: string[] }).input.length);
}

async function tokensOf(texts: string[]): Promise<number> {
  return (await embeddingTokenCounts(texts)).reduce((sum, count) => sum + count, 0);
}

function cosine(a: number[], b: number[]): number {
  return a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

beforeEach(() => {
  tracker = new CostTracker();
  provider = embeddingsProvider();
});

describe("stableDocumentId", () => {
  it("is the first 32 hex digits of the text's SHA-256", () => {
    expect(stableDocumentId("abc")).toBe("ba7816bf8f01cfea414140de5dae2223");
    expect(stableDocumentId(documents[0]!)).toBe(createHash("sha256").update(documents[0]!).digest("hex").slice(0, 32));
    expect(stableDocumentId("é")).not.toBe(stableDocumentId("e"));
  });
});

describe("ingestDocuments into a real Chroma server", () => {
  it("embeds, stores and finds the documents, priced from the API's usage, without a warning from chromadb", async () => {
    const warn = jest.spyOn(console, "warn");
    const collection = await newCollection();
    const progress: IngestProgress[] = [];

    const result = await ingestDocuments({ collection, documents, metadatas, client, onProgress: (p) => progress.push(p) });

    const tokens = await tokensOf(documents);
    const ids = documents.map(stableDocumentId);
    expect(result).toEqual({ ids, tokensInput: tokens, cost: expect.any(Number), requests: 1 });
    expect(result.cost).toBeCloseTo(tokens * PRICE_PER_TOKEN, 15);
    expect(progress).toEqual([{ done: 6, total: 6, tokensInput: tokens, costUsd: result.cost }]);
    expect(inputsPerRequest()).toEqual([6]);
    expect(server.requests[0]!.body).toMatchObject({ model: "text-embedding-3-large", input: documents });

    expect(await collection.count()).toBe(6);
    const stored = await collection.get({ ids, include: ["documents", "metadatas", "embeddings"] });
    expect(stored.ids).toEqual(ids);
    expect(stored.documents).toEqual(documents);
    expect(stored.metadatas).toEqual(metadatas);
    // The vectors are stored as the provider returned them: Chroma keeps float32 (as OpenAI sends
    // them) and, in the cosine space, re-normalises them, which moves a component by at most 1 ulp.
    stored.embeddings.forEach((vector, index) => {
      const sent = fakeEmbedding(documents[index]!, 3072);
      expect(vector).toHaveLength(3072);
      expect(Math.max(...vector.map((value, i) => Math.abs(value - sent[i]!)))).toBeLessThan(2e-8);
    });

    // The collection embeds the query itself through ChromaEmbeddingFunction; nearest is the refunds document.
    const query = "How many days until refunds are processed?";
    const found = await collection.query({ queryTexts: [query], nResults: 2, include: ["documents", "metadatas", "distances"] });
    expect(found.ids[0]![0]).toBe(ids[1]);
    expect(found.documents[0]![0]).toBe(documents[1]);
    expect(found.metadatas[0]![0]).toEqual({ topic: "refunds", rank: 2 });
    const expectedDistance = 1 - cosine(fakeEmbedding(query, 3072), fakeEmbedding(documents[1]!, 3072));
    expect(found.distances[0]![0]).toBeCloseTo(expectedDistance, 5);
    expect(found.distances[0]![1]).toBeGreaterThan(found.distances[0]![0]!);
    expect(inputsPerRequest()).toEqual([6, 1]);

    // The tracker holds both calls under the embeddings role.
    const queryTokens = await tokensOf([query]);
    const byRole = tracker.totals().byRole.embeddings!;
    expect(byRole).toEqual({ calls: 2, tokensInput: tokens + queryTokens, tokensOutput: 0, costUsd: expect.any(Number) });
    expect(byRole.costUsd).toBeCloseTo((tokens + queryTokens) * PRICE_PER_TOKEN, 15);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it("upserts on a second run with the same ids: the count stays, metadata is updated", async () => {
    const collection = await newCollection();
    const first = await ingestDocuments({ collection, documents, metadatas });
    const changed = metadatas.map((metadata) => ({ ...metadata, rank: metadata.rank * 10 }));
    const second = await ingestDocuments({ collection, documents, metadatas: changed });

    expect(second.ids).toEqual(first.ids);
    expect(second.tokensInput).toBe(first.tokensInput);
    expect(await collection.count()).toBe(6);
    const stored = await collection.get({ ids: [first.ids[2]!], include: ["metadatas"] });
    expect(stored.metadatas).toEqual([{ topic: "security", rank: 30 }]);
    expect(inputsPerRequest()).toEqual([6, 6]);
  });

  it("stores the given ids and uses the embeddings option on a collection without an embedding function", async () => {
    const collection = await newCollection(null);
    const ids = documents.map((_, index) => `doc-${index}`);
    const result = await ingestDocuments({ collection, documents, ids, embeddings: provider });
    expect(result.ids).toEqual(ids);
    expect((await collection.get({ include: [] })).ids.sort()).toEqual(ids);
    const nearest = await collection.query({ queryEmbeddings: [fakeEmbedding("rotate passwords for security", 3072)], nResults: 1 });
    expect(nearest.ids).toEqual([["doc-2"]]);
  });
});

describe("batching", () => {
  it("splits by the batchSize option, asks the server's maximum, and reports progress per batch", async () => {
    const collection = await newCollection();
    const asking = chromaClient(); // not the collection's own client, which asks before every write
    const asked = jest.spyOn(asking, "getMaxBatchSize");
    const progress: IngestProgress[] = [];
    const result = await ingestDocuments({ collection, documents: documents.slice(0, 5), batchSize: 2, client: asking, onProgress: (p) => progress.push(p) });

    expect(asked).toHaveBeenCalledTimes(1);
    expect(await asked.mock.results[0]!.value).toBe(5461); // this server's maximum, above every batch here
    expect(inputsPerRequest()).toEqual([2, 2, 1]);
    expect(result.requests).toBe(3);
    const batchTokens = [await tokensOf(documents.slice(0, 2)), await tokensOf(documents.slice(2, 4)), await tokensOf(documents.slice(4, 5))];
    expect(progress.map((p) => [p.done, p.total, p.tokensInput])).toEqual([
      [2, 5, batchTokens[0]],
      [4, 5, batchTokens[0]! + batchTokens[1]!],
      [5, 5, batchTokens[0]! + batchTokens[1]! + batchTokens[2]!],
    ]);
    expect(progress[2]!.costUsd).toBeCloseTo(progress[2]!.tokensInput * PRICE_PER_TOKEN, 15);
    expect(result.cost).toBe(progress[2]!.costUsd);
    expect(await collection.count()).toBe(5);
  });

  it("keeps batches within the provider's batchSize", async () => {
    const small = embeddingsProvider({ batchSize: 4 });
    const collection = await newCollection(new ChromaEmbeddingFunction(small));
    const result = await ingestDocuments({ collection, documents, batchSize: 100 });
    expect(inputsPerRequest()).toEqual([4, 2]);
    expect(result.requests).toBe(2);
  });

  it("keeps batches within the maximum the server reports", async () => {
    // This server allows 5461 records per write, above OpenAI's 2048 inputs per request; a client
    // that reports 3 shows the cap (writes still go to the real server through the collection).
    class ClientReportingMax3 extends ChromaClient {
      override async getMaxBatchSize(): Promise<number> {
        return 3;
      }
    }
    const { hostname, port } = chromaUrl();
    const collection = await newCollection();
    const result = await ingestDocuments({ collection, documents, batchSize: 5, client: new ClientReportingMax3({ host: hostname, port: Number(port), ssl: false }) });
    expect(inputsPerRequest()).toEqual([3, 3]);
    expect(result.requests).toBe(2);
    expect(await collection.count()).toBe(6);
  });
});

describe("a failed batch", () => {
  const ids = ["a", "b", "c", "d", "e"];
  const five = documents.slice(0, 5);

  it("stops with the ids stored and not stored when the embeddings API fails; a re-run completes", async () => {
    const collection = await newCollection();
    server.reply({});
    server.reply({ error: { status: 500, message: "The server had an error while processing your request." } });
    const error = await caught(ingestDocuments({ collection, documents: five, ids, batchSize: 2 }));

    expect(error).toBeInstanceOf(ChromaIngestError);
    const failure = error as ChromaIngestError;
    expect(failure.storedIds).toEqual(["a", "b"]);
    expect(failure.notStoredIds).toEqual(["c", "d", "e"]);
    expect(failure.cause).toBeInstanceOf(ProviderError);
    expect(failure.cause).toMatchObject({ status: 500, retryable: true, reason: "http" });
    expect(failure.message).toBe(
      `Ingestion stopped at batch 2 of 3: ${(failure.cause as Error).message} Stored 2 document(s): a, b. Not stored 3: c, d, e. ` +
        "Fix the cause and run the ingestion again: ids already stored are updated, not duplicated.",
    );
    expect(inputsPerRequest()).toEqual([2, 2]); // maxRetries 0: no third request
    expect((await collection.get({ include: [] })).ids.sort()).toEqual(["a", "b"]);

    const rerun = await ingestDocuments({ collection, documents: five, ids, batchSize: 2 });
    expect(rerun.requests).toBe(3);
    expect(await collection.count()).toBe(5);
  });

  it("stops with the ids stored when Chroma refuses a batch (vectors of another length)", async () => {
    const collection = await newCollection();
    server.reply({});
    server.reply({ embeddings: [[1, 0, 0], [0, 1, 0]] });
    const error = (await caught(ingestDocuments({ collection, documents: five, ids, batchSize: 2 }))) as ChromaIngestError;

    expect(error).toBeInstanceOf(ChromaIngestError);
    expect(error.storedIds).toEqual(["a", "b"]);
    expect(error.notStoredIds).toEqual(["c", "d", "e"]);
    expect((error.cause as Error).message).toMatch(/dimension/i);
    expect(error.message).toMatch(/^Ingestion stopped at batch 2 of 3: .*dimension.* Stored 2 document\(s\): a, b\. Not stored 3: c, d, e\./is);
    expect(await collection.count()).toBe(2);
    // The second batch was embedded (and paid for) before Chroma refused it.
    expect(tracker.calls).toHaveLength(2);
  });

  it("lists at most ten ids in the message, all of them in the fields", async () => {
    const collection = await newCollection();
    const many = Array.from({ length: 14 }, (_, index) => `note ${index} about topic ${index % 4}`);
    server.reply({ error: { status: 400, message: "Invalid input." } });
    const error = (await caught(ingestDocuments({ collection, documents: many, ids: many.map((_, index) => `n${index}`) }))) as ChromaIngestError;
    expect(error.storedIds).toEqual([]);
    expect(error.notStoredIds).toHaveLength(14);
    expect(error.message).toContain("Stored 0 document(s): none. Not stored 14: n0, n1, n2, n3, n4, n5, n6, n7, n8, n9 and 4 more.");
  });
});

describe("input checks, before any request", () => {
  const cases: [string, Partial<Parameters<typeof ingestDocuments>[0]>, string][] = [
    ["no documents", { documents: [] }, "documents must be a non-empty array of strings: there is nothing to ingest."],
    ["an empty document", { documents: ["ok", "  "] }, "documents[1] is empty: every document must be a non-empty string."],
    ["a non-string document", { documents: ["ok", 7 as unknown as string] }, "documents[1] is a number: every document must be a non-empty string."],
    ["ids of another length", { documents: ["a", "b"], ids: ["x"] }, "ids must have one entry per document: 2 documents, 1 entries."],
    ["duplicate ids", { documents: ["a", "b", "c"], ids: ["x", "y", "x"] }, 'ids[2] repeats ids[0] ("x"): every id must be unique.'],
    ["an empty id", { documents: ["a", "b"], ids: ["x", ""] }, "ids[1] is empty: every id must be a non-empty string."],
    ["a non-string id", { documents: ["a"], ids: [null as unknown as string] }, "ids[0] is null: every id must be a non-empty string."],
    [
      "the same document twice without ids",
      { documents: ["same text", "other", "same text"] },
      `documents[2] has the same text as documents[0], so both get the default id ${stableDocumentId("same text")}: remove the copy, or pass ids to keep both.`,
    ],
    ["metadatas of another length", { documents: ["a"], metadatas: [] }, "metadatas must have one entry per document: 1 documents, 0 entries."],
    ["a metadata that is not an object", { documents: ["a"], metadatas: [[] as unknown as Record<string, string>] }, "metadatas[0] is an array: each metadata must be an object."],
    ["an empty metadata", { documents: ["a"], metadatas: [{}] }, "metadatas[0] is empty: Chroma refuses empty metadata; give at least one field."],
    [
      "a nested metadata value",
      { documents: ["a"], metadatas: [{ tags: { x: 1 } as unknown as string }] },
      "metadatas[0].tags is an object ([object Object]): metadata values must be strings, finite numbers or booleans.",
    ],
    ["a NaN metadata value", { documents: ["a"], metadatas: [{ score: NaN }] }, "metadatas[0].score is a number (NaN): metadata values must be strings, finite numbers or booleans."],
    ["batchSize 0", { documents: ["a"], batchSize: 0 }, "batchSize must be a positive whole number, got 0."],
  ];

  it.each(cases)("refuses %s", async (_label, options, message) => {
    const collection = await newCollection();
    const asking = chromaClient();
    const asked = jest.spyOn(asking, "getMaxBatchSize");
    await expect(ingestDocuments({ collection, documents: [], client: asking, ...options })).rejects.toThrow(new InputError(message));
    expect(asked).not.toHaveBeenCalled();
    expect(server.requests).toHaveLength(0);
    expect(await collection.count()).toBe(0);
  });

  it("refuses a collection without ChromaEmbeddingFunction when no embeddings provider is given", async () => {
    const bare = await newCollection(null);
    await expect(ingestDocuments({ collection: bare, documents })).rejects.toThrow(
      new InputError(
        `Collection "${bare.name}" has no ChromaEmbeddingFunction (its embedding function: none), so there is no provider to embed ` +
          "the documents with. Pass `embeddings: provider`, or get the collection with `embeddingFunction: new ChromaEmbeddingFunction(provider)`.",
      ),
    );
    const other = await client.getCollection({ name: bare.name, embeddingFunction: { name: "someone-else", generate: async (texts) => texts.map(() => [0]) } });
    await expect(ingestDocuments({ collection: other, documents })).rejects.toThrow("(its embedding function: someone-else)");
    expect(server.requests).toHaveLength(0);
  });

  it("refuses a document over OpenAI's 8191 tokens per input before any embedding request", async () => {
    const collection = await newCollection();
    await expect(ingestDocuments({ collection, documents: ["short", "word ".repeat(9000).trim()] })).rejects.toThrow(
      new InputError("texts[1] has 9000 tokens, over the 8191-token limit of one embedding input: split it first."),
    );
    expect(server.requests).toHaveLength(0);
  });
});
