import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { BUILT_ENTRIES, ensureBuilt, probeImport, ROOT, type Probe, type ProbeOptions } from "../../scripts/built-package";
import type { BenchRow } from "../report";
import { median, summarise, type Latency } from "../stats";

/** The packages only the Bedrock side needs. */
const BEDROCK_PACKAGES = /^(@langchain\/aws|@aws-sdk\/|@smithy\/)/;

const isBuiltin = (specifier: string): boolean => specifier.startsWith("node:") || builtinModules.includes(specifier);

/** The packages a built entry imports at load time (lazy require() calls inside functions left out), in order, through its chunks. */
export function importedPackages(file: string, format: "cjs" | "esm", seen = new Set<string>()): string[] {
  const text = readFileSync(file, "utf8");
  const pattern =
    format === "cjs"
      ? /^(?:var [\w$]+ = (?:__toESM\(|_interopRequireDefault\()?)?require\(['"]([^'"]+)['"]\)/gm
      : /^import\s+(?:[^"';]*?\sfrom\s+)?"([^"]+)";?/gm;
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

const ROOT_CJS = path.join(ROOT, BUILT_ENTRIES.index.cjs);
const ROOT_ESM = path.join(ROOT, BUILT_ENTRIES.index.esm);

/**
 * Cold import of the built package (dist, CJS and ESM, each entry by its package name) in fresh
 * node processes, runs interleaved, compared run by run (medians over `runs` of the pairs' differences and ratios). The root entry against importing exactly
 * the packages it imports at load time; `@orchestratai/llm/openai` against `@langchain/openai`
 * alone; `@orchestratai/llm/bedrock` against `@langchain/aws` alone; and that no entry loads a
 * tokenizer at import.
 */
export function benchColdImport(runs: number): { rows: BenchRow[]; build: string; dependencies: Record<string, string[]> } {
  const build = ensureBuilt();
  const dependencies = { cjs: importedPackages(ROOT_CJS, "cjs"), esm: importedPackages(ROOT_ESM, "esm") };
  // Each compared pair side by side; the order is reversed every other run, so neither side always goes first.
  const cases: Record<string, ProbeOptions> = {
    packageCjs: { specifiers: ["@orchestratai/llm"], format: "cjs" },
    depsCjs: { specifiers: dependencies.cjs, format: "cjs" },
    depsWithoutBedrock: { specifiers: dependencies.cjs.filter((name) => !BEDROCK_PACKAGES.test(name)), format: "cjs" },
    packageEsm: { specifiers: ["@orchestratai/llm"], format: "esm" },
    depsEsm: { specifiers: dependencies.esm, format: "esm" },
    openaiCjs: { specifiers: ["@orchestratai/llm/openai"], format: "cjs" },
    langchainOpenAICjs: { specifiers: ["@langchain/openai"], format: "cjs" },
    openaiEsm: { specifiers: ["@orchestratai/llm/openai"], format: "esm" },
    langchainOpenAIEsm: { specifiers: ["@langchain/openai"], format: "esm" },
    bedrockCjs: { specifiers: ["@orchestratai/llm/bedrock"], format: "cjs" },
    langchainAwsCjs: { specifiers: ["@langchain/aws"], format: "cjs" },
    bedrockEsm: { specifiers: ["@orchestratai/llm/bedrock"], format: "esm" },
    testingCjs: { specifiers: ["@orchestratai/llm/testing"], format: "cjs" },
    testingEsm: { specifiers: ["@orchestratai/llm/testing"], format: "esm" },
  };
  const results: Record<string, Probe[]> = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? Object.entries(cases) : Object.entries(cases).reverse();
    for (const [name, options] of order) results[name]!.push(probeImport(options));
  }
  const ms = (name: string): Latency => summarise(results[name]!.map((result) => result.importMs));
  /** Medians over runs of the run-by-run difference and ratio: steadier than comparing medians when the machine's load drifts. */
  const paired = (measured: string, baseline: string, of: (probe: Probe) => number) => {
    const pairs = results[measured]!.map((probe, run) => [of(probe), of(results[baseline]![run]!)] as const);
    return { added: median(pairs.map(([a, b]) => a - b)), ratio: median(pairs.map(([a, b]) => a / b)) };
  };
  /** A row of `measured` against `baseline`: a ratio target (`max`), or at most `maxAddedMs` added. */
  const importRow = (name: string, measured: string, baselineName: string, baseline: string, goal: { max?: number; maxAddedMs?: number; note?: string } = {}): BenchRow => {
    const wall = paired(measured, baseline, (probe) => probe.importMs);
    const cpu = paired(measured, baseline, (probe) => probe.cpuMs);
    const { max, maxAddedMs, note } = goal;
    const target = max !== undefined ? { max, label: `≤ ${max}× (issue 18)` } : maxAddedMs !== undefined ? { label: `< ${maxAddedMs} ms added` } : undefined;
    return {
      section: "cold import",
      name,
      latency: ms(measured),
      baselineName,
      baseline: ms(baseline),
      ratio: wall.ratio,
      target,
      ok: maxAddedMs === undefined ? undefined : wall.added < maxAddedMs,
      value: `adds ${wall.added.toFixed(1)} ms; CPU time ${cpu.ratio.toFixed(3)}× (${cpu.added >= 0 ? "+" : "−"}${Math.abs(cpu.added).toFixed(0)} ms); medians over ${runs} runs of fresh-process pairs`,
      note,
    };
  };

  const rows: BenchRow[] = (["cjs", "esm"] as const).map((format) =>
    importRow(
      `import @orchestratai/llm (dist, ${format.toUpperCase()})`,
      format === "cjs" ? "packageCjs" : "packageEsm",
      `import its ${dependencies[format].length} dependencies alone${format === "esm" ? " (all at once, like a module graph)" : ""}`,
      format === "cjs" ? "depsCjs" : "depsEsm",
      { maxAddedMs: 50 },
    ),
  );
  rows.push(
    importRow("import @orchestratai/llm/openai (dist, CJS)", "openaiCjs", "import @langchain/openai alone (CJS)", "langchainOpenAICjs", { max: 1.1 }),
    importRow("import @orchestratai/llm/openai (dist, ESM)", "openaiEsm", "import @langchain/openai alone (ESM)", "langchainOpenAIEsm", { max: 1.1 }),
    importRow("import @orchestratai/llm/bedrock (dist, CJS)", "bedrockCjs", "import @langchain/aws alone (CJS)", "langchainAwsCjs"),
    importRow(
      "import @orchestratai/llm (dist, CJS)",
      "packageCjs",
      "import @langchain/openai alone (CJS)",
      "langchainOpenAICjs",
      { note: "the root also loads the Bedrock side; OpenAI-only code imports @orchestratai/llm/openai (rows above)" },
    ),
    importRow(
      "  of which: the Bedrock dependencies (@langchain/aws, @aws-sdk/*, @smithy/*)",
      "depsCjs",
      "the dependencies without them",
      "depsWithoutBedrock",
      { note: "what the root import spends on the Bedrock side" },
    ),
  );
  const entryNames = ["packageCjs", "packageEsm", "openaiCjs", "openaiEsm", "bedrockCjs", "bedrockEsm", "testingCjs", "testingEsm"];
  const loadedTokenizers = [...new Set(entryNames.flatMap((name) => results[name]!.flatMap((result) => result.tokenizerModules)))];
  const heapAdded = median(results.packageCjs!.map((r) => r.heapMb)) - median(results.depsCjs!.map((r) => r.heapMb));
  rows.push({
    section: "cold import",
    name: "tokenizer loaded at import (every entry, CJS and ESM)",
    value:
      loadedTokenizers.length === 0
        ? `none: no ranks/encoder module loaded; root heap after import +${heapAdded.toFixed(1)} MB over its dependencies'`
        : `LOADED: ${loadedTokenizers.join(", ")}`,
    target: { label: "none" },
    ok: loadedTokenizers.length === 0,
  });
  return { rows, build, dependencies };
}
