import { existsSync } from "node:fs";
import path from "node:path";
import type { BenchRow } from "../report";
import type { StandInProcess } from "../stand-in-client";
import type { Endpoints } from "./clients";

const DOCUMENTS = 10_000;
const MODEL = "text-embedding-3-small";
const TOPICS = ["billing", "refunds", "security", "shipping", "support", "office", "returns", "accounts"];

/** Short, distinct documents (one or two sentences each). */
function corpus(): string[] {
  return Array.from({ length: DOCUMENTS }, (_, i) => {
    const topic = TOPICS[i % TOPICS.length]!;
    return `Note ${i} on ${topic}: requests of type ${(i * 7919) % 1000} are answered within ${1 + (i % 48)} hours by the ${topic} team.`;
  });
}

/**
 * Embeds and stores 10,000 short documents through ingestDocuments into a real Chroma server
 * (startChromaServer), the embeddings coming from the OpenAI stand-in: documents per second, and
 * the embedding requests made (as ingestDocuments counts them and as the stand-in saw them).
 */
export async function benchIngest(standIns: StandInProcess, urls: Endpoints): Promise<BenchRow[]> {
  if (!existsSync(path.resolve(__dirname, "..", "..", "src", "chroma", "index.ts"))) {
    return [{ section: "ingest", name: `${DOCUMENTS.toLocaleString("en-US")} documents into Chroma`, value: "skipped: src/chroma is not there yet" }];
  }
  const [{ ChromaClient }, { ChromaEmbeddingFunction, ingestDocuments }, { OpenAIEmbeddingsProvider }, { CostTracker }, { startChromaServer }] = await Promise.all([
    import("chromadb"),
    import("../../src/chroma"),
    import("../../src/providers/openai/openai-embeddings"),
    import("../../src/tracking/cost-tracker"),
    import("../../scripts/chroma/chroma-server"),
  ]);
  const chroma = await startChromaServer();
  try {
    const { hostname, port } = new URL(chroma.url);
    const client = new ChromaClient({ host: hostname, port: Number(port), ssl: false });
    const tracker = new CostTracker();
    const provider = new OpenAIEmbeddingsProvider({ model: MODEL, apiKey: "sk-bench", baseURL: `${urls.openai}/v1`, maxRetries: 0, tracker });
    const collection = await client.createCollection({ name: `bench-ingest-${process.pid}`, embeddingFunction: new ChromaEmbeddingFunction(provider) });
    // Time spent embedding (the rest is Chroma's upserts): the provider's own embed, timed.
    let embeddingMs = 0;
    const embed = provider.embed.bind(provider);
    provider.embed = async (options) => {
      const start = performance.now();
      try {
        return await embed(options);
      } finally {
        embeddingMs += performance.now() - start;
      }
    };
    const documents = corpus();
    await standIns.reset("openai");
    const started = performance.now();
    const result = await ingestDocuments({ collection, documents, client });
    const seconds = (performance.now() - started) / 1000;
    const stored = await collection.count();
    const seen = (await standIns.count("openai")).byOperation.embeddings ?? 0;
    const totals = tracker.totals();
    return [
      {
        section: "ingest",
        name: `${DOCUMENTS.toLocaleString("en-US")} short documents → ingestDocuments → Chroma (${MODEL}, 1536 dims)`,
        value:
          `${Math.round(DOCUMENTS / seconds)} documents/s (${seconds.toFixed(1)} s: embedding ${(embeddingMs / 1000).toFixed(1)} s, ` +
          `Chroma upserts ${(seconds - embeddingMs / 1000).toFixed(1)} s); ${result.requests} embedding requests ` +
          `(stand-in saw ${seen}); Chroma count ${stored}; ${result.tokensInput} tokens, $${result.cost.toFixed(6)} ` +
          `(tracker: ${totals.calls} calls, $${totals.costUsd.toFixed(6)})`,
        target: { label: "all stored, books agree" },
        ok: stored === DOCUMENTS && seen === result.requests && Math.abs(totals.costUsd - result.cost) <= 1e-9,
      },
    ];
  } finally {
    await chroma.stop();
  }
}
