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
 * node processes, runs interleaved; medians of `runs`. The root entry against importing exactly
 * the packages it imports at load time; `@orchestratai/llm/openai` against `@langchain/openai`
 * alone; `@orchestratai/llm/bedrock` against `@langchain/aws` alone; and that no entry loads a
 * tokenizer at import.
 */
export function benchColdImport(runs: number): { rows: BenchRow[]; build: string; dependencies: Record<string, string[]> } {
  const build = ensureBuilt();
  const dependencies = { cjs: importedPackages(ROOT_CJS, "cjs"), esm: importedPackages(ROOT_ESM, "esm") };
  const cases: Record<string, ProbeOptions> = {
    packageCjs: { specifiers: ["@orchestratai/llm"], format: "cjs" },
    depsCjs: { specifiers: dependencies.cjs, format: "cjs" },
    packageEsm: { specifiers: ["@orchestratai/llm"], format: "esm" },
    depsEsm: { specifiers: dependencies.esm, format: "esm" },
    depsWithoutBedrock: { specifiers: dependencies.cjs.filter((name) => !BEDROCK_PACKAGES.test(name)), format: "cjs" },
    openaiCjs: { specifiers: ["@orchestratai/llm/openai"], format: "cjs" },
    langchainOpenAICjs: { specifiers: ["@langchain/openai"], format: "cjs" },
    openaiEsm: { specifiers: ["@orchestratai/llm/openai"], format: "esm" },
    langchainOpenAIEsm: { specifiers: ["@langchain/openai"], format: "esm" },
    bedrockCjs: { specifiers: ["@orchestratai/llm/bedrock"], format: "cjs" },
    langchainAwsCjs: { specifiers: ["@langchain/aws"], format: "cjs" },
    testingCjs: { specifiers: ["@orchestratai/llm/testing"], format: "cjs" },
    testingEsm: { specifiers: ["@orchestratai/llm/testing"], format: "esm" },
    bedrockEsm: { specifiers: ["@orchestratai/llm/bedrock"], format: "esm" },
  };
  const results: Record<string, Probe[]> = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let run = 0; run < runs; run++) {
    for (const [name, options] of Object.entries(cases)) results[name]!.push(probeImport(options));
  }
  const ms = (name: string): Latency => summarise(results[name]!.map((result) => result.importMs));
  const cpuMs = (name: string): number => median(results[name]!.map((result) => result.cpuMs));
  const ratioRow = (name: string, measured: string, baselineName: string, baseline: string, target?: BenchRow["target"], note?: string): BenchRow => ({
    section: "cold import",
    name,
    latency: ms(measured),
    baselineName,
    baseline: ms(baseline),
    ratio: ms(measured).p50 / ms(baseline).p50,
    target,
    value:
      `+${(ms(measured).p50 - ms(baseline).p50).toFixed(1)} ms (medians of ${runs} fresh processes each); ` +
      `CPU time ${cpuMs(measured).toFixed(0)} vs ${cpuMs(baseline).toFixed(0)} ms (${(cpuMs(measured) / cpuMs(baseline)).toFixed(3)}×)`,
    note,
  });

  const rows: BenchRow[] = [];
  for (const format of ["cjs", "esm"] as const) {
    const own = ms(format === "cjs" ? "packageCjs" : "packageEsm");
    const deps = ms(format === "cjs" ? "depsCjs" : "depsEsm");
    const added = own.p50 - deps.p50;
    rows.push({
      section: "cold import",
      name: `import @orchestratai/llm (dist, ${format.toUpperCase()})`,
      latency: own,
      baselineName: `import its ${dependencies[format].length} dependencies alone${format === "esm" ? " (all at once, like a module graph)" : ""}`,
      baseline: deps,
      ratio: own.p50 / deps.p50,
      target: { label: "< 50 ms added" },
      ok: added < 50,
      value: `adds ${added.toFixed(1)} ms (median of ${runs} fresh processes each)`,
    });
  }
  const within10 = { max: 1.1, label: "≤ 1.1× (issue 18)" };
  rows.push(
    ratioRow("import @orchestratai/llm/openai (dist, CJS)", "openaiCjs", "import @langchain/openai alone (CJS)", "langchainOpenAICjs", within10),
    ratioRow("import @orchestratai/llm/openai (dist, ESM)", "openaiEsm", "import @langchain/openai alone (ESM)", "langchainOpenAIEsm", within10),
    ratioRow("import @orchestratai/llm/bedrock (dist, CJS)", "bedrockCjs", "import @langchain/aws alone (CJS)", "langchainAwsCjs"),
    ratioRow(
      "import @orchestratai/llm (dist, CJS)",
      "packageCjs",
      "import @langchain/openai alone (CJS)",
      "langchainOpenAICjs",
      undefined,
      "the root also loads the Bedrock side; OpenAI-only code imports @orchestratai/llm/openai (rows above)",
    ),
    {
      ...ratioRow("  of which: the Bedrock dependencies (@langchain/aws, @aws-sdk/*, @smithy/*)", "depsCjs", "the dependencies without them", "depsWithoutBedrock"),
      value: `${(ms("depsCjs").p50 - ms("depsWithoutBedrock").p50).toFixed(0)} ms of the root import is the Bedrock side`,
    },
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
