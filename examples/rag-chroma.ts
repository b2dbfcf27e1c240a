/**
 * Retrieval-augmented answers over a real Chroma server: a small support corpus is embedded by the
 * embeddings role (text-embedding-3-large) and ingested with a progress bar, each question is
 * embedded by the collection itself (ChromaEmbeddingFunction) to find its context, and the RAG role
 * (gpt-4-turbo) answers from that context. Every call, embeddings included, is priced into the
 * factory's tracker; the report ends with the embedding cost on its own line.
 *
 *   npm run example:rag-chroma             # offline: stand-in servers, and a Chroma server unless CHROMA_URL is set
 *                                          # (on glibc < 2.38 its first run downloads a C runtime for Chroma from
 *                                          # the Debian mirror, and says so)
 *   npm run example:rag-chroma -- --live   # real OpenAI API, with your credentials
 */
import { ChromaClient, type Collection } from "chromadb";
import { Presets, SingleBar } from "cli-progress";
import { startChromaServer } from "../scripts/chroma/chroma-server";
import { ChromaEmbeddingFunction, ingestDocuments, type IngestProgress, type IngestResult } from "../src/chroma";
import { AgentRole, ProviderFactory } from "../src/factory";
import { formatCost } from "../src/pricing";
import { offlineOrLive, runFromCommandLine, withCostReport, type ReportedRun } from "./run-example";

/** The support corpus the example ingests. */
export const CORPUS = [
  { id: "refunds", text: "Refunds are paid back to the original card within five business days after we receive the item.", topic: "billing" },
  { id: "invoices", text: "Invoices are emailed on the first business day of each month and are payable within thirty days.", topic: "billing" },
  { id: "shipping", text: "Standard shipping within Europe takes three to five days; express shipping arrives the next day.", topic: "delivery" },
  { id: "returns", text: "Damaged items can be returned within thirty days using the prepaid return label in the box.", topic: "delivery" },
  { id: "warranty", text: "Every device has a two year warranty covering manufacturing defects but not accidental damage.", topic: "product" },
  { id: "passwords", text: "Passwords are reset from the login page with the link we send to your registered email address.", topic: "account" },
  { id: "hours", text: "The support desk is open from nine to five on weekdays and answers chat messages within an hour.", topic: "support" },
  { id: "outages", text: "During an outage the status page is updated every fifteen minutes until service is restored.", topic: "support" },
] as const;

/** The questions the example answers, each with the document that should come back first. */
export const QUESTIONS = [
  { question: "How many business days until refunds are paid back to my card?", expected: "refunds" },
  { question: "How do I reset my password?", expected: "passwords" },
  { question: "How long does express shipping within Europe take?", expected: "shipping" },
] as const;

/** The collection the example writes to (re-runs upsert into it). */
export const COLLECTION_NAME = "orchestratai-rag-chroma-example";

/** One answered question. */
export interface RagAnswer {
  question: string;
  /** Ids of the retrieved documents, nearest first. */
  contextIds: string[];
  answer: string;
}

/** What a run of the example returns. */
export interface RagChromaRun extends ReportedRun {
  /** Which Chroma server the run used: "Chroma at CHROMA_URL=…" or "Chroma started at …". */
  chroma: string;
  ingested: IngestResult;
  /** Every progress report of the ingestion. */
  progress: IngestProgress[];
  answers: RagAnswer[];
  /** USD spent on embeddings (ingestion and queries): the tracker's embeddings role. */
  embeddingCostUsd: number;
}

/** Options of {@link main}. */
export interface RagChromaOptions {
  /** Call the real OpenAI API with your credentials instead of the stand-ins. */
  live?: boolean;
  /** Receives each printed line (default: nothing is printed). */
  log?: (line: string) => void;
}

function clientFor(url: string): ChromaClient {
  const { protocol, hostname, port } = new URL(url);
  const ssl = protocol === "https:";
  return new ChromaClient({ host: hostname, port: Number(port || (ssl ? 443 : 80)), ssl });
}

/** Runs `work` against the Chroma server CHROMA_URL names, or one started (and stopped) for it, saying which through `log`. */
async function withChroma<T>(log: (line: string) => void, work: (url: string, chroma: string) => Promise<T>): Promise<T> {
  const given = process.env.CHROMA_URL;
  if (given) {
    log(`Chroma at CHROMA_URL=${given}`);
    return work(given, `Chroma at CHROMA_URL=${given}`);
  }
  log("Starting a Chroma server for this example (set CHROMA_URL to use one that runs already)");
  const server = await startChromaServer();
  const chroma = `Chroma started at ${server.url} (pid ${server.pid})`;
  log(chroma);
  try {
    return await work(server.url, chroma);
  } finally {
    await server.stop();
  }
}

/** Embeds and stores {@link CORPUS} in batches of 3, with a progress bar. */
async function ingestCorpus(factory: ProviderFactory, chromaUrl: string): Promise<{ ingested: IngestResult; progress: IngestProgress[]; collection: Collection }> {
  const client = clientFor(chromaUrl);
  const collection = await client.getOrCreateCollection({
    name: COLLECTION_NAME,
    embeddingFunction: new ChromaEmbeddingFunction(factory.forRole(AgentRole.EMBEDDINGS)),
  });
  const bar = new SingleBar({ format: "ingesting [{bar}] {value}/{total} documents | {tokens} tokens | {cost}", hideCursor: true }, Presets.shades_classic);
  const progress: IngestProgress[] = [];
  bar.start(CORPUS.length, 0, { tokens: 0, cost: formatCost(0) });
  try {
    const ingested = await ingestDocuments({
      collection,
      documents: CORPUS.map((entry) => entry.text),
      ids: CORPUS.map((entry) => entry.id),
      metadatas: CORPUS.map((entry) => ({ topic: entry.topic })),
      batchSize: 3,
      client,
      onProgress: (step) => {
        progress.push(step);
        bar.update(step.done, { tokens: step.tokensInput, cost: formatCost(step.costUsd) });
      },
    });
    return { ingested, progress, collection };
  } finally {
    bar.stop();
  }
}

/** Retrieves the question's context (the collection embeds the question itself) and answers with the RAG role. */
async function answer(factory: ProviderFactory, collection: Collection, question: string): Promise<RagAnswer> {
  const found = await collection.query({ queryTexts: [question], nResults: 2, include: ["documents"] });
  const contextIds = found.ids[0] ?? [];
  const context = (found.documents[0] ?? []).map((document) => `- ${document}`).join("\n");
  const result = await factory.forRole(AgentRole.RAG).complete({
    messages: [
      { role: "system", content: "Answer the customer's question in one or two sentences, using only the context given." },
      { role: "user", content: `${question}\n\nContext:\n${context}` },
    ],
  });
  return { question, contextIds, answer: result.content };
}

/** Ingests the corpus into the Chroma server at `chromaUrl` and answers every question. */
async function ingestAndAnswer(factory: ProviderFactory, chromaUrl: string, chroma: string, log: (line: string) => void) {
  const { ingested, progress, collection } = await ingestCorpus(factory, chromaUrl);
  log(`ingested ${ingested.ids.length} documents in ${ingested.requests} embedding requests: ${ingested.tokensInput} tokens, ${formatCost(ingested.cost)}`);
  const answers: RagAnswer[] = [];
  for (const { question } of QUESTIONS) {
    const answered = await answer(factory, collection, question);
    answers.push(answered);
    log(`Q: ${question}\n   context: ${answered.contextIds.join(", ")}\nA: ${answered.answer}`);
  }
  return { chroma, ingested, progress, answers };
}

/**
 * Ingests {@link CORPUS} and answers {@link QUESTIONS}. Offline (the default) it runs on the
 * package's stand-in servers, whose embeddings carry meaning (texts sharing words are near), so
 * retrieval finds the right document; Chroma is the server CHROMA_URL names, else one started here.
 */
export async function main(options: RagChromaOptions = {}): Promise<RagChromaRun> {
  const log = options.log ?? (() => {});
  return offlineOrLive(options.live, async ({ env, where }) => {
    const factory = new ProviderFactory({ env });
    const run = await withCostReport(factory.tracker, where, log, () => withChroma(log, (url, chroma) => ingestAndAnswer(factory, url, chroma, log)));
    const embeddings = run.totals.byRole[AgentRole.EMBEDDINGS];
    const embeddingCostUsd = embeddings?.costUsd ?? 0;
    log(`Embedding cost: ${formatCost(embeddingCostUsd)} (${embeddings?.tokensInput ?? 0} tokens over ${embeddings?.calls ?? 0} calls)`);
    return { ...run, embeddingCostUsd };
  });
}

if (require.main === module) runFromCommandLine((live) => main({ live, log: (line) => console.log(`${line}\n`) }));
