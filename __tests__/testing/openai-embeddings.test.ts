import OpenAI from "openai";
import { embeddingTokenCounts, fakeEmbedding } from "../../src/testing";
import { useOpenAIStandIn } from "../helpers/stand-ins";
import { openAIClient, openAIEmbeddings } from "./sdk-clients";

const server = useOpenAIStandIn();

const cosine = (a: number[], b: number[]): number => a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);
const asFloat32 = (vector: number[]): number[] => vector.map((value) => Math.fround(value));

describe("OpenAI stand-in: embeddings through OpenAIEmbeddings and the openai SDK", () => {
  it("answers the SDK's default base64 request with 1536 little-endian float32s that decode to the fake embedding", async () => {
    const vector = await openAIEmbeddings(server).embedQuery("The cat sat on the mat");
    expect(vector).toHaveLength(1536);
    expect(vector).toEqual(asFloat32(fakeEmbedding("The cat sat on the mat", 1536)));
    expect(server.requests[0]).toMatchObject({ operation: "embeddings", modelId: "text-embedding-3-small", body: { encoding_format: "base64" } });
  });

  it("answers float vectors, 3072 dimensions for text-embedding-3-large, and honours `dimensions`", async () => {
    const [large] = await openAIEmbeddings(server, { model: "text-embedding-3-large", encodingFormat: "float" }).embedDocuments(["hello world"]);
    expect(large).toEqual(fakeEmbedding("hello world", 3072));
    const [small] = await openAIEmbeddings(server, { dimensions: 256 }).embedDocuments(["hello world"]);
    expect(small).toHaveLength(256);
    expect(server.requests.map((request) => request.body)).toMatchObject([{ encoding_format: "float" }, { dimensions: 256 }]);
  });

  it("gives texts that share words nearer vectors than unrelated texts", async () => {
    const [cat, kitten, revenue] = await openAIEmbeddings(server).embedDocuments([
      "the cat sat on the mat",
      "a cat lay on a mat",
      "quarterly revenue grew nine percent",
    ]);
    expect(cosine(cat!, kitten!)).toBeGreaterThan(0.3);
    expect(cosine(cat!, revenue!)).toBeLessThan(cosine(cat!, kitten!) - 0.3);
    expect(cosine(cat!, cat!)).toBeCloseTo(1, 6);
  });

  it("reports usage.prompt_tokens as the cl100k tokens of the inputs, token-id inputs counted by length", async () => {
    const inputs = ["Hello world", "人工智能正在改变世界"];
    const response = await openAIClient(server).embeddings.create({ model: "text-embedding-3-small", input: inputs });
    const counts = await embeddingTokenCounts(inputs);
    expect(counts).toEqual([2, 11]);
    expect(response.usage).toEqual({ prompt_tokens: 13, total_tokens: 13 });
    expect(response.model).toBe("text-embedding-3-small");
    const ids = await openAIClient(server).embeddings.create({ model: "text-embedding-3-small", input: [1, 2, 3], encoding_format: "float" });
    expect(ids.usage.prompt_tokens).toBe(3);
    expect(ids.data[0]!.embedding).toEqual(fakeEmbedding("1 2 3", 1536));
  });

  it("answers scripted vectors and usage", async () => {
    server.reply({ embeddings: [[0.6, 0.8]], usage: { inputTokens: 42 } });
    const response = await openAIClient(server).embeddings.create({ model: "text-embedding-3-small", input: "x", encoding_format: "float" });
    expect(response.data[0]!.embedding).toEqual([0.6, 0.8]);
    expect(response.usage.prompt_tokens).toBe(42);
  });

  it("refuses what OpenAI refuses with 400: too many inputs, too long an input, bad dimensions or format", async () => {
    const client = openAIClient(server);
    const create = (body: Record<string, unknown>) =>
      client.embeddings.create({ model: "text-embedding-3-small", input: "x", ...body }).then(
        () => {
          throw new Error("the stand-in accepted an invalid request");
        },
        (error: unknown) => error as InstanceType<typeof OpenAI.APIError>,
      );
    const tooMany = await create({ input: Array.from({ length: 2049 }, () => "x") });
    expect(tooMany).toBeInstanceOf(OpenAI.BadRequestError);
    expect(tooMany.message).toBe("400 '$.input' is invalid: at most 2048 inputs per request, got 2049.");
    const tooLong = await create({ input: `word${" word".repeat(8191)}` });
    expect(tooLong.message).toContain("This model's maximum context length is 8191 tokens, however you requested 8192 tokens");
    expect((await create({ input: [] })).message).toContain("'$.input' is invalid.");
    expect((await create({ input: [{ text: "x" }] })).message).toContain("'$.input' is invalid.");
    expect((await create({ dimensions: 4000 })).message).toBe("400 Invalid value for 'dimensions' = 4000. Must be an integer from 1 to 1536.");
    expect((await create({ model: "text-embedding-ada-002", dimensions: 8 })).message).toBe("400 This model does not support specifying dimensions.");
    expect((await create({ encoding_format: "int8" })).message).toBe("400 Invalid value for 'encoding_format': \"int8\". Use \"float\" or \"base64\".");
    expect((await create({ model: "gpt-4o" })).message).toBe("404 The model `gpt-4o` does not exist or you do not have access to it.");
    expect(server.requests).toHaveLength(8);
  });

  it("answers scripted errors, delays and malformed bodies", async () => {
    server.reply({ error: { status: 503 } });
    const unavailable = await openAIEmbeddings(server).embedQuery("x").catch((e: unknown) => e);
    expect(unavailable).toMatchObject({ status: 503, message: expect.stringContaining("The engine is currently overloaded") });
    server.reply({ malformed: true });
    const malformed = await openAIEmbeddings(server).embedQuery("x").catch((e: unknown) => e);
    expect((malformed as Error).message).toContain("JSON");
  });
});
