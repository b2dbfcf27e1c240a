import { registerEmbeddingFunction } from "chromadb";
import { CHROMA_EMBEDDING_FUNCTION_NAME, ChromaEmbeddingFunction } from "../../src/chroma";
import { InputError } from "../../src/errors";
import type { OpenAIEmbeddingsProvider, OpenAIEmbeddingsSettings } from "../../src/providers/openai/openai-embeddings";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { fakeEmbedding } from "../../src/testing/fake-embeddings";
import { embeddingTokenCounts } from "../../src/testing/openai-usage-counts";
import { chromaClient, useCollectionNames } from "../helpers/chroma";
import { openAIEmbeddingsAt, useOpenAIStandIn } from "../helpers/stand-ins";

const server = useOpenAIStandIn();
let tracker: CostTracker;
const client = chromaClient();
const collectionName = useCollectionNames(client, "orchestratai-ef");

function embeddingsProvider(settings: OpenAIEmbeddingsSettings = {}): OpenAIEmbeddingsProvider {
  return openAIEmbeddingsAt(server, { tracker, metadata: { role: "embeddings" }, ...settings });
}

beforeEach(() => {
  tracker = new CostTracker();
});

describe("ChromaEmbeddingFunction", () => {
  it("embeds texts in order through the provider, priced into its tracker", async () => {
    const texts = ["Refunds take five days.", "Passwords rotate every ninety days."];
    const vectors = await new ChromaEmbeddingFunction(embeddingsProvider()).generate(texts);

    expect(vectors).toHaveLength(2);
    vectors.forEach((vector, index) => expect(vector).toEqual(fakeEmbedding(texts[index]!, 3072).map(Math.fround)));
    const tokens = (await embeddingTokenCounts(texts)).reduce((sum, count) => sum + count, 0);
    expect(tracker.calls.map((call) => [call.role, call.model, call.tokensInput])).toEqual([["embeddings", "text-embedding-3-large", tokens]]);
    expect(tracker.calls[0]!.cost).toBeCloseTo((tokens * 0.13) / 1e6, 15);
  });

  it("describes itself the way chromadb 3.x asks: name, spaces, configuration", () => {
    const plain = new ChromaEmbeddingFunction(embeddingsProvider());
    expect(plain.name).toBe("orchestratai-openai");
    expect(plain.defaultSpace()).toBe("cosine");
    expect(plain.supportedSpaces()).toEqual(["cosine", "l2", "ip"]);
    expect(plain.getConfig()).toEqual({ model: "text-embedding-3-large" });
    const short = new ChromaEmbeddingFunction(embeddingsProvider({ model: "text-embedding-3-small", dimensions: 256 }));
    expect(short.getConfig()).toEqual({ model: "text-embedding-3-small", dimensions: 256 });
  });

  it("gives a collection a known embedding function in the cosine space, which embeds documents and queries itself, without warnings", async () => {
    const warn = jest.spyOn(console, "warn");
    const name = collectionName();
    const collection = await client.createCollection({ name, embeddingFunction: new ChromaEmbeddingFunction(embeddingsProvider()) });

    expect(collection.configuration).toMatchObject({
      hnsw: { space: "cosine" },
      embedding_function: { type: "known", name: CHROMA_EMBEDDING_FUNCTION_NAME, config: { model: "text-embedding-3-large" } },
    });
    await collection.add({ ids: ["billing", "security"], documents: ["Invoices are due in thirty days.", "Passwords rotate every ninety days."] });
    const found = await collection.query({ queryTexts: ["when do passwords rotate"], nResults: 1 });
    expect(found.ids).toEqual([["security"]]);
    expect(server.requests.map((request) => (request.body as { input: string[] }).input)).toEqual([
      ["Invoices are due in thirty days.", "Passwords rotate every ninety days."],
      ["when do passwords rotate"],
    ]);
    expect(tracker.totals().byRole.embeddings?.calls).toBe(2);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it("refuses a change of model on an existing collection", async () => {
    const collection = await client.createCollection({ name: collectionName(), embeddingFunction: new ChromaEmbeddingFunction(embeddingsProvider()) });
    const other = new ChromaEmbeddingFunction(embeddingsProvider({ model: "text-embedding-3-small" }));
    await expect(collection.modify({ configuration: { embeddingFunction: other } })).rejects.toThrow(
      new InputError(
        `This collection's vectors come from {"model":"text-embedding-3-large"}; they cannot be compared with vectors from ` +
          `{"model":"text-embedding-3-small"}. Create a new collection for the other model and ingest the documents into it.`,
      ),
    );
    const same = new ChromaEmbeddingFunction(embeddingsProvider());
    await collection.modify({ configuration: { embeddingFunction: same } });
    expect(collection.embeddingFunction).toBe(same);
  });

  it("is rebuilt from the stored configuration once registered with chromadb", async () => {
    const name = collectionName();
    await client.createCollection({ name, embeddingFunction: new ChromaEmbeddingFunction(embeddingsProvider({ dimensions: 512 })) });
    registerEmbeddingFunction(CHROMA_EMBEDDING_FUNCTION_NAME, ChromaEmbeddingFunction);

    const reopened = await chromaClient().getCollection({ name });
    expect(reopened.embeddingFunction).toBeInstanceOf(ChromaEmbeddingFunction);
    const rebuilt = reopened.embeddingFunction as ChromaEmbeddingFunction;
    expect(rebuilt.getConfig()).toEqual({ model: "text-embedding-3-large", dimensions: 512 });
    expect(rebuilt.provider.tracker).toBeUndefined();
  });

  it("refuses a stored configuration it did not write", () => {
    expect(() => ChromaEmbeddingFunction.buildFromConfig({})).toThrow(
      new InputError("The orchestratai-openai configuration needs a model name, got undefined."),
    );
    expect(() => ChromaEmbeddingFunction.buildFromConfig({ model: "text-embedding-3-large", dimensions: "512" })).toThrow(
      new InputError('The orchestratai-openai configuration has dimensions "512": expected a number.'),
    );
  });
});
