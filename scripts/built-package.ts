/** The built package (dist/), for the bench and the entry-point tests: building it, probing its imports. */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";

/** The package root. */
export const ROOT = path.resolve(__dirname, "..");
/** The built files of every entry point (tsup's output), CommonJS and ESM. */
export const BUILT_ENTRIES = {
  index: { cjs: "dist/index.js", esm: "dist/index.mjs" },
  openai: { cjs: "dist/openai.js", esm: "dist/openai.mjs" },
  bedrock: { cjs: "dist/bedrock.js", esm: "dist/bedrock.mjs" },
  testing: { cjs: "dist/testing/index.js", esm: "dist/testing/index.mjs" },
} as const;

function newestMtime(file: string): number {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(file).map((name) => newestMtime(path.join(file, name))));
}

function builtAt(file: string): number {
  try {
    return statSync(path.join(ROOT, file)).mtimeMs;
  } catch {
    return 0;
  }
}

function isBuilt(): boolean {
  const oldest = Math.min(...Object.values(BUILT_ENTRIES).flatMap((files) => [builtAt(files.cjs), builtAt(files.esm)]));
  const sources = Math.max(...["src", "tsup.config.ts", "package.json"].map((name) => newestMtime(path.join(ROOT, name))));
  return oldest > sources;
}

/** Held while one process builds, so that test files running at once do not build (and clean) dist/ together. */
const BUILD_LOCK = path.join(ROOT, "node_modules", ".cache", "orchestratai-build.lock");
/** A lock older than this is left over from a process that died: taken over. */
const STALE_LOCK_MS = 300_000;

function lockAge(): number {
  try {
    return Date.now() - statSync(BUILD_LOCK).mtimeMs;
  } catch {
    return 0; // released meanwhile
  }
}

/** Runs `work` holding {@link BUILD_LOCK}, waiting (synchronously) while another process holds it. */
function withBuildLock<T>(work: () => T): T {
  mkdirSync(path.dirname(BUILD_LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (lockAge() > STALE_LOCK_MS) rmSync(BUILD_LOCK, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    return work();
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

/**
 * Builds dist/ with `npm run build` unless every entry's output is newer than src/, the tsup
 * config and package.json. One process builds at a time; the others wait and use its build.
 * Returns what was done.
 */
export function ensureBuilt(): string {
  const asIs = "dist/ was newer than src/: used as is";
  if (isBuilt()) return asIs;
  return withBuildLock(() => {
    if (isBuilt()) return asIs;
    const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
    return "built now with npm run build";
  });
}

/** What to measure in a fresh process: see scripts/probe-import.mjs. */
export interface ProbeOptions {
  specifiers: string[];
  format: "cjs" | "esm";
  recordModules?: boolean;
  exportsOf?: boolean;
  identity?: boolean;
  firstCount?: boolean;
  warmUp?: (string[] | null)[];
}

/** What one fresh process reported. */
export interface Probe {
  importMs: number;
  cpuMs: number;
  heapMb: number;
  rssMb: number;
  tokenizerModules: string[];
  modules?: string[];
  exports?: Record<string, string>;
  identity?: { differing: string[]; renamed: string[]; factoryTrackerIs: boolean[] };
  firstCount?: { ms: number; rssAddedMb: number };
  warmUp?: { models: string[] | null; longestBlockMs: number; tokenizerModules: string[] }[];
}

/** Runs scripts/probe-import.mjs in a fresh node (from the package root) and returns its report. */
export function probeImport(options: ProbeOptions): Probe {
  const script = path.join(ROOT, "scripts", "probe-import.mjs");
  const output = execFileSync(process.execPath, ["--no-warnings", script, JSON.stringify(options)], { cwd: ROOT, encoding: "utf8" });
  return JSON.parse(output) as Probe;
}
