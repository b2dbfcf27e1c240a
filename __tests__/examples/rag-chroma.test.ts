import { COLLECTION_NAME, CORPUS, QUESTIONS, main } from "../../examples/rag-chroma";
import { formatCost } from "../../src/pricing";
import { embeddingTokenCounts } from "../../src/testing/openai-usage-counts";
import { chromaClient } from "../helpers/chroma";

const PRICE_PER_TOKEN = 0.13 / 1e6; // text-embedding-3-large

async function tokensOf(texts: string[]): Promise<number> {
  return (await embeddingTokenCounts(texts)).reduce((sum, count) => sum + count, 0);
}

afterAll(async () => {
  await chromaClient().deleteCollection({ name: COLLECTION_NAME });
});

describe("example rag-chroma (offline, on jest's Chroma server)", () => {
  it("ingests the corpus, answers from the retrieved context and prices the embeddings on their own line", async () => {
    const lines: string[] = [];
    const run = await main({ log: (line) => lines.push(line) });

    expect(run.chroma).toBe(`Chroma at CHROMA_URL=${process.env.CHROMA_URL}`);
    expect(lines.slice(0, 2)).toEqual([run.where, run.chroma]);
    expect(run.where).toMatch(/^offline: stand-in servers at /);
    const corpusTokens = await tokensOf(CORPUS.map((entry) => entry.text));
    expect(run.ingested).toEqual({ ids: CORPUS.map((entry) => entry.id), tokensInput: corpusTokens, cost: expect.any(Number), requests: 3 });
    expect(run.progress.map((step) => [step.done, step.total])).toEqual([[3, 8], [6, 8], [8, 8]]);
    expect(run.progress[2]!.tokensInput).toBe(corpusTokens);

    expect(run.answers.map((a) => [a.question, a.contextIds[0]])).toEqual(QUESTIONS.map((q) => [q.question, q.expected]));
    for (const answered of run.answers) {
      expect(answered.contextIds).toHaveLength(2);
      // The stand-in quotes the first 12 words of the user message, which starts with the question.
      expect(answered.answer.startsWith(`Stand-in reply to: ${answered.question.split(" ").slice(0, 12).join(" ")}`)).toBe(true);
    }

    const questionTokens = await tokensOf(QUESTIONS.map((q) => q.question));
    const embeddings = run.totals.byRole.embeddings!;
    expect(embeddings).toEqual({ calls: 3 + QUESTIONS.length, tokensInput: corpusTokens + questionTokens, tokensOutput: 0, costUsd: run.embeddingCostUsd });
    expect(run.embeddingCostUsd).toBeGreaterThan(0);
    expect(run.embeddingCostUsd).toBeCloseTo((corpusTokens + questionTokens) * PRICE_PER_TOKEN, 15);
    expect(run.totals.byRole.rag!.calls).toBe(3);
    expect(run.report).toContain("embeddings");
    expect(lines.at(-2)).toBe(run.report);
    expect(lines.at(-1)).toBe(`Embedding cost: ${formatCost(run.embeddingCostUsd)} (${corpusTokens + questionTokens} tokens over 6 calls)`);
  });
});
