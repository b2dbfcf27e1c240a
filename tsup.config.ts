import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", "testing/index": "src/testing/index.ts", cli: "src/cli/main.ts" },
  format: ["cjs", "esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  platform: "node",
  // Tokenizer ranks are loaded with require() on first use, never at import; give the ESM build a
  // require of its own for that.
  banner: ({ format }) =>
    format === "esm"
      ? { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' }
      : {},
});
