import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import type { BenchRow } from "../report";
import { median, summarise } from "../stats";

const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
/** Modules whose presence after import would mean a tokenizer was loaded or built at import. */
const TOKENIZER_MODULES = /js-tiktoken[\\/]dist[\\/]ranks|gpt-tokenizer[\\/](cjs|esm)[\\/](encoding|bpeRanks)|tiktoken[\\/]tiktoken_bg|@anthropic-ai[\\/]tokenizer/;

/** What one fresh process measured. */
interface Probe {
  importMs: number;
  heapMb: number;
  rssMb: number;
  tokenizerModules: string[];
  firstCountMs?: number;
  rssAfterCountMb?: number;
}

// Runs in a fresh node: imports the specifiers in order and reports the time that took (node's own
// start-up excluded), memory, and which tokenizer modules were loaded; optionally the first countTokens.
const PROBE = `
const mb = (n) => n / 2 ** 20;
const started = performance.now();
const [specifiers, format, countWith] = JSON.parse(process.argv[FIRST_ARG]);
const loaded = [];
for (const specifier of specifiers) loaded.push(format === "esm" ? await import(specifier) : require(specifier));
const importMs = performance.now() - started;
const { createRequire } = await import("node:module");
const cache = Object.keys(createRequire(process.cwd() + "/").cache);
const result = { importMs, heapMb: mb(process.memoryUsage().heapUsed), rssMb: mb(process.memoryUsage().rss), tokenizerModules: cache.filter((p) => ${TOKENIZER_MODULES}.test(p)) };
if (countWith) {
  const { OpenAIProvider } = loaded[0];
  const t = performance.now();
  new OpenAIProvider({ model: "gpt-4o", apiKey: "x", baseURL: "http://127.0.0.1:9/v1" }).countTokens({ messages: [{ role: "user", content: "hi" }] });
  result.firstCountMs = performance.now() - t;
  result.rssAfterCountMb = mb(process.memoryUsage().rss);
}
process.stdout.write(JSON.stringify(result));
`;

function probe(specifiers: string[], format: "cjs" | "esm", countTokens = false): Probe {
  // CommonJS -e code cannot use top-level await; wrap it (require() stays synchronous inside).
  const code = format === "esm" ? PROBE.replace("FIRST_ARG", "1") : `(async () => {${PROBE.replace("FIRST_ARG", "1")}})();`;
  const args = format === "esm" ? ["--input-type=module", "-e", code] : ["-e", code];
  const output = execFileSync(process.execPath, ["--no-warnings", ...args, JSON.stringify([specifiers, format, countTokens])], { cwd: ROOT, encoding: "utf8" });
  return JSON.parse(output) as Probe;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds dist with `npm run build` unless it is newer than every file in src/. Returns what was done. */
function ensureBuilt(): string {
  const built = path.join(DIST, "index.js");
  let builtAt = 0;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    builtAt = 0;
  }
  if (builtAt > newestMtime(path.join(ROOT, "src"))) return "dist/ was newer than src/: used as is";
  const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  return "built now with npm run build";
}

/** The packages only the Bedrock side needs. */
const BEDROCK_PACKAGES = /^(@langchain\/aws|@aws-sdk\/|@smithy\/)/;

const isBuiltin = (specifier: string): boolean => specifier.startsWith("node:") || builtinModules.includes(specifier);

/** The packages a built entry imports at load time (lazy require() calls inside functions left out), in order. */
export function importedPackages(file: string, format: "cjs" | "esm", seen = new Set<string>()): string[] {
  const text = readFileSync(file, "utf8");
  const pattern = format === "cjs" ? /^var [\w$]+ = (?:__toESM\()?require\("([^"]+)"\)/gm : /^import\s+(?:[^"';]*?\sfrom\s+)?"([^"]+)";?/gm;
  const found: string[] = [];
  for (const match of text.matchAll(pattern)) {
    const specifier = match[1]!;
    if (specifier.startsWith(".")) {
      const inner = path.resolve(path.dirname(file), specifier);
      if (!seen.has(inner)) {
        seen.add(inner);
        found.push(...importedPackages(inner, format, seen));
      }
    } else if (!isBuiltin(specifier) && !found.includes(specifier)) {
      found.push(specifier);
    }
  }
  return [...new Set(found)];
}

/**
 * Cold import of the built package (dist, CJS and ESM) against importing exactly the packages it
 * imports at load time, each in fresh node processes, runs interleaved; medians of `runs`. Also:
 * against `@langchain/openai` alone, that no tokenizer module is loaded by the import, and what
 * the first countTokens then costs (the o200k encoder is built on first use).
 */
export function benchColdImport(runs: number): { rows: BenchRow[]; build: string; dependencies: Record<string, string[]> } {
  const build = ensureBuilt();
  const entries = { cjs: path.join(DIST, "index.js"), esm: path.join(DIST, "index.mjs") };
  const dependencies = { cjs: importedPackages(entries.cjs, "cjs"), esm: importedPackages(entries.esm, "esm") };
  const cases = {
    packageCjs: () => probe([entries.cjs], "cjs"),
    depsCjs: () => probe(dependencies.cjs, "cjs"),
    packageEsm: () => probe([`file://${entries.esm}`], "esm"),
    depsEsm: () => probe(dependencies.esm, "esm"),
    langchainOpenAI: () => probe(["@langchain/openai"], "cjs"),
    depsWithoutBedrock: () => probe(dependencies.cjs.filter((name) => !BEDROCK_PACKAGES.test(name)), "cjs"),
  };
  const results = Object.fromEntries(Object.keys(cases).map((name) => [name, [] as Probe[]])) as Record<keyof typeof cases, Probe[]>;
  for (let run = 0; run < runs; run++) {
    for (const [name, measure] of Object.entries(cases)) results[name as keyof typeof cases].push(measure());
  }
  const ms = (name: keyof typeof cases) => summarise(results[name].map((result) => result.importMs));
  const rows: BenchRow[] = [];
  for (const format of ["cjs", "esm"] as const) {
    const own = ms(format === "cjs" ? "packageCjs" : "packageEsm");
    const deps = ms(format === "cjs" ? "depsCjs" : "depsEsm");
    const added = own.p50 - deps.p50;
    rows.push({
      section: "cold import",
      name: `import the package (dist, ${format.toUpperCase()})`,
      latency: own,
      baselineName: `import its ${dependencies[format].length} dependencies alone`,
      baseline: deps,
      ratio: own.p50 / deps.p50,
      target: { label: "< 50 ms added" },
      ok: added < 50,
      value: `adds ${added.toFixed(1)} ms (median of ${runs} fresh processes each)`,
    });
  }
  const openaiAlone = ms("langchainOpenAI");
  const packageCjs = ms("packageCjs");
  rows.push({
    section: "cold import",
    name: "import the package (dist, CJS)",
    latency: packageCjs,
    baselineName: "import @langchain/openai alone",
    baseline: openaiAlone,
    ratio: packageCjs.p50 / openaiAlone.p50,
    target: { max: 1.2, label: "≤ 1.2× (issue 8)" },
    note: "the package also loads @langchain/aws and the AWS SDK, which @langchain/openai alone does not; the governing target is the < 50 ms rows above",
  });
  const withoutBedrock = ms("depsWithoutBedrock");
  rows.push({
    section: "cold import",
    name: "  of which: the Bedrock dependencies (@langchain/aws, @aws-sdk/*, @smithy/*)",
    latency: ms("depsCjs"),
    baselineName: "the dependencies without them",
    baseline: withoutBedrock,
    ratio: ms("depsCjs").p50 / withoutBedrock.p50,
    value: `${(ms("depsCjs").p50 - withoutBedrock.p50).toFixed(0)} ms of the import is the Bedrock side, loaded even by OpenAI-only users`,
  });
  const loadedTokenizers = [...new Set([...results.packageCjs, ...results.packageEsm].flatMap((result) => result.tokenizerModules))];
  const heapAdded = median(results.packageCjs.map((r) => r.heapMb)) - median(results.depsCjs.map((r) => r.heapMb));
  rows.push({
    section: "cold import",
    name: "tokenizer built at import",
    value: loadedTokenizers.length === 0 ? `none: no ranks/encoder module loaded; heap after import +${heapAdded.toFixed(1)} MB over the dependencies'` : `LOADED: ${loadedTokenizers.join(", ")}`,
    target: { label: "none" },
    ok: loadedTokenizers.length === 0,
  });
  const counts = Array.from({ length: 3 }, () => probe([entries.cjs], "cjs", true));
  rows.push({
    section: "cold import",
    name: "first countTokens after import (builds the o200k encoder)",
    latency: summarise(counts.map((c) => c.firstCountMs ?? Number.NaN)),
    value: `RSS +${median(counts.map((c) => (c.rssAfterCountMb ?? 0) - c.rssMb)).toFixed(0)} MB`,
    note: "one-off, on first use; later counts reuse the encoder",
  });
  return { rows, build, dependencies };
}
