import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", openai: "src/openai.ts", bedrock: "src/bedrock.ts", "testing/index": "src/testing/index.ts", cli: "src/cli/main.ts" },
  format: ["cjs", "esm"],
  // Shared chunks in both formats: a class (CostTracker, the errors) is one class whichever entry
  // it is imported from, so instanceof holds across `@orchestratai/llm` and its `/openai` and
  // `/bedrock` entries (esbuild splits ESM only; tsup's splitting also covers CJS).
  splitting: true,
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  platform: "node",
  // Classes keep their names in both formats (esbuild renames some while bundling): error.name is
  // "BudgetExceededError", and LangChain names the CostTracker when a handler raises.
  keepNames: true,
  // Tokenizer ranks are loaded with require() on first use, never at import; give the ESM build a
  // require of its own for that.
  banner: ({ format }) =>
    format === "esm"
      ? { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' }
      : {},
});
