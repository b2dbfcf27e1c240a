import { execFileSync } from "node:child_process";
import path from "node:path";

describe("chromadb stays an optional peer dependency", () => {
  it("src/chroma loads without loading chromadb (it imports only its types)", () => {
    const root = path.resolve(__dirname, "../..");
    const script =
      "const chroma = require('./src/chroma');" +
      "const loaded = Object.keys(require.cache).filter((file) => file.includes('/node_modules/chromadb/'));" +
      "process.stdout.write(JSON.stringify({ exports: Object.keys(chroma).sort(), loaded }));";
    const output = execFileSync(process.execPath, ["--require", "tsx/cjs", "-e", script], { cwd: root, encoding: "utf8" });
    expect(JSON.parse(output)).toEqual({
      exports: ["CHROMA_EMBEDDING_FUNCTION_NAME", "ChromaEmbeddingFunction", "ChromaIngestError", "ingestDocuments", "stableDocumentId"],
      loaded: [],
    });
  });
});
