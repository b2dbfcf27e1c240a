import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const TESTING = path.join(__dirname, "..", "..", "src", "testing");
/** Module specifiers in import / export-from statements, import() and require() calls (type-only imports are dropped first). */
const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)"([^"]+)"/gm;

/**
 * The stand-ins bill usage that tests compare with the package's own counts: if both ran the same
 * tokenizer code, such a test could not fail. So src/testing imports none of the package's modules
 * (types aside) and never the package's tokenizer, gpt-tokenizer.
 */
it("src/testing counts with its own tokenizers, never the package's", () => {
  const imports = readdirSync(TESTING)
    .filter((name) => name.endsWith(".ts"))
    .flatMap((name) => {
      const code = readFileSync(path.join(TESTING, name), "utf8").replace(/^(?:import|export) type [^;]*;/gm, "");
      return [...code.matchAll(SPECIFIER)].map((match) => `${name}: ${match[1]}`);
    });
  expect(imports.filter((entry) => /: (gpt-tokenizer|\.\.\/)/.test(entry))).toEqual([]);
  // What it bills with instead: tiktoken's WASM build (OpenAI) and Anthropic's tokenizer (Claude).
  expect(imports).toEqual(expect.arrayContaining(["openai-usage-counts.ts: tiktoken", "claude-usage-counts.ts: @anthropic-ai/tokenizer"]));
});
