/**
 * A fresh-process probe of the built package, shared by the bench (bench/scenarios/cold-import.ts)
 * and the entry-point test (__tests__/entries/built-entries.test.ts). Run it with plain node:
 *
 *   node scripts/probe-import.mjs '{"specifiers":["./dist/openai.js"],"format":"cjs"}'
 *
 * Options (JSON): `specifiers` (`format` "cjs": require() in order, "esm": import() of all at once);
 * `recordModules`: list every module file loaded (ESM through a resolve hook, CommonJS from
 * require.cache); `exportsOf`: the names the first specifier exports, with the typeof of each;
 * `identity`: the names that several specifiers export with different values (a class or error
 * loaded twice), and whether a default ProviderFactory's tracker is an instance of each
 * specifier's CostTracker, and the exported classes whose `name` is not the name they are exported
 * under (a bundler's renaming shows in `error.name` and in LangChain's handler names); `firstCount`: time the first `OpenAIProvider.countTokens` of the process and the RSS it adds;
 * `warmUp`: model-id lists (null: none given) passed to `warmUpTokenizers` in turn, with the
 * tokenizer modules loaded after each and the longest event-loop block while it ran.
 * Prints one line of JSON: importMs (node's own start-up excluded), cpuMs (the CPU time of the
 * import: on a busy machine steadier than wall time), heapMb, rssMb,
 * tokenizerModules, and what was asked for.
 */
import { appendFileSync, readFileSync, rmSync } from "node:fs";
import { createRequire, register } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import process from "node:process";
import { setTimeout } from "node:timers";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Modules whose presence means a tokenizer (its ranks or encoder) was loaded. */
const TOKENIZER_MODULES = /js-tiktoken[\\/]dist[\\/]ranks|gpt-tokenizer[\\/](cjs|esm)[\\/](encoding|bpeRanks)[\\/]|tiktoken[\\/](lite[\\/])?tiktoken_bg|@anthropic-ai[\\/]tokenizer/;

const mb = (bytes) => bytes / 2 ** 20;
const options = JSON.parse(process.argv[2]);
const require = createRequire(pathToFileURL(`${process.cwd()}/`));

const esmLog = path.join(tmpdir(), `probe-import-${process.pid}.log`);
if (options.recordModules) {
  // Runs off-thread; each resolved URL is appended before the import goes on, so the log is complete when it returns.
  const hooks = `import { appendFileSync } from "node:fs";
    let log;
    export function initialize(data) { log = data.log; }
    export async function resolve(specifier, context, next) {
      const result = await next(specifier, context);
      if (result.url.startsWith("file:")) appendFileSync(log, result.url + "\\n");
      return result;
    }`;
  appendFileSync(esmLog, "");
  register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { log: esmLog } });
}

function loadedModules() {
  const cjs = Object.keys(require.cache);
  if (!options.recordModules) return cjs;
  const esm = readFileSync(esmLog, "utf8").split("\n").filter(Boolean).map((url) => fileURLToPath(url));
  return [...new Set([...esm, ...cjs])];
}

const tokenizerModules = () => loadedModules().filter((file) => TOKENIZER_MODULES.test(file));

const resolveSpecifier = (specifier) => (specifier.startsWith(".") ? path.resolve(specifier) : specifier);
const started = performance.now();
const cpuAtStart = process.cpuUsage();
const toURL = (resolved) => (path.isAbsolute(resolved) ? pathToFileURL(resolved).href : resolved);
// ESM: all at once, as one module graph loads its imports; CommonJS: in order, as require() does.
const loaded =
  options.format === "esm"
    ? await Promise.all(options.specifiers.map((specifier) => import(toURL(resolveSpecifier(specifier)))))
    : options.specifiers.map((specifier) => require(resolveSpecifier(specifier)));
const importMs = performance.now() - started;
const cpu = process.cpuUsage(cpuAtStart);
const memory = process.memoryUsage();
const result = { importMs, cpuMs: (cpu.user + cpu.system) / 1000, heapMb: mb(memory.heapUsed), rssMb: mb(memory.rss), tokenizerModules: tokenizerModules() };

if (options.recordModules) result.modules = loadedModules();
if (options.exportsOf) result.exports = Object.fromEntries(Object.keys(loaded[0]).map((name) => [name, typeof loaded[0][name]]));

if (options.identity) {
  const values = new Map();
  for (const module of loaded) for (const [name, value] of Object.entries(module)) values.set(name, [...(values.get(name) ?? []), value]);
  const differing = [...values].filter(([, seen]) => new Set(seen).size > 1).map(([name]) => name);
  const { ProviderFactory } = loaded.find((module) => module.ProviderFactory !== undefined) ?? {};
  const tracker = ProviderFactory === undefined ? undefined : new ProviderFactory({ env: {} }).tracker;
  const isClass = (value) => typeof value === "function" && /^class\b/.test(Function.prototype.toString.call(value));
  const renamed = [...values].filter(([name, seen]) => seen.some((value) => isClass(value) && value.name !== name)).map(([name]) => name);
  result.identity = { differing, renamed, factoryTrackerIs: loaded.map((module) => tracker !== undefined && tracker instanceof module.CostTracker) };
}

async function longestBlockMs(work) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  const turn = () => new Promise((resolve) => setTimeout(resolve, 10));
  histogram.enable();
  // A turn before and after, so the histogram has a first sample and records the last synchronous stretch.
  await turn();
  await work();
  await turn();
  histogram.disable();
  return histogram.max / 1e6;
}

for (const models of options.warmUp ?? []) {
  const blockMs = await longestBlockMs(() => loaded[0].warmUpTokenizers(models ?? undefined));
  (result.warmUp ??= []).push({ models, longestBlockMs: blockMs, tokenizerModules: tokenizerModules() });
}

if (options.firstCount) {
  const provider = new loaded[0].OpenAIProvider({ model: "gpt-4o", apiKey: "sk-probe", baseURL: "http://127.0.0.1:9/v1" });
  const rssBefore = process.memoryUsage().rss;
  const t = performance.now();
  provider.countTokens({ messages: [{ role: "user", content: "What is the capital of France?" }] });
  result.firstCount = { ms: performance.now() - t, rssAddedMb: mb(process.memoryUsage().rss - rssBefore) };
}

rmSync(esmLog, { force: true });
process.stdout.write(JSON.stringify(result));
