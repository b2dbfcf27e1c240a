import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { nodeModulesDir } from "./chromadb-paths";
import { findDebianMirror } from "./debian-mirror";
import { downloadDebianPackages } from "./private-apt";
import { runCommand } from "./run-command";

/** Oldest glibc that the chromadb native binding (chromadb-js-bindings-linux-*-gnu) runs on. */
export const REQUIRED_GLIBC = "2.38";
/** Debian release whose libraries are provided privately (its glibc is >= {@link REQUIRED_GLIBC}). */
export const DONOR_SUITE = "trixie";
/** The packages that make up the private runtime: the C library, the loader, and the C++ runtime. */
export const DONOR_PACKAGES = ["libc6", "libgcc-s1", "libstdc++6"] as const;

const LOADERS: Partial<Record<NodeJS.Architecture, { triplet: string; loader: string }>> = {
  x64: { triplet: "x86_64-linux-gnu", loader: "ld-linux-x86-64.so.2" },
  arm64: { triplet: "aarch64-linux-gnu", loader: "ld-linux-aarch64.so.1" },
};

/** A private glibc runtime: start a program with `loader --library-path libraryPath program ...`. */
export interface GlibcRuntime {
  /** The private dynamic loader (`ld-linux-*.so`). */
  loader: string;
  /** Folder with the private libc, libgcc_s and libstdc++. */
  libraryPath: string;
  /** glibc version of the private runtime, as node reports it when run through the loader. */
  glibcVersion: string;
  /** Debian package files it was made from, e.g. `libc6_2.41-12+deb13u5_amd64.deb`. */
  packages: string[];
}

/** Where the private runtime is cached: `node_modules/.cache/orchestratai-chroma-glibc`. */
export function defaultGlibcCacheDir(): string {
  return path.join(nodeModulesDir(), ".cache", "orchestratai-chroma-glibc");
}

/** The glibc version this node process runs on (e.g. `2.36`), or undefined off glibc. */
export function currentGlibcVersion(): string | undefined {
  const report: unknown = process.report?.getReport();
  if (typeof report !== "object" || report === null || !("header" in report)) return undefined;
  const header: unknown = report.header;
  if (typeof header !== "object" || header === null || !("glibcVersionRuntime" in header)) return undefined;
  return typeof header.glibcVersionRuntime === "string" ? header.glibcVersionRuntime : undefined;
}

/** Compares dotted numeric versions: negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function log(message: string): void {
  process.stderr.write(`[chroma] ${message}\n`);
}

function readCachedRuntime(cacheDir: string): GlibcRuntime | undefined {
  const manifest = path.join(cacheDir, "runtime.json");
  if (!existsSync(manifest)) return undefined;
  try {
    const runtime = JSON.parse(readFileSync(manifest, "utf8")) as GlibcRuntime;
    return existsSync(runtime.loader) && existsSync(runtime.libraryPath) ? runtime : undefined;
  } catch {
    return undefined; // unreadable manifest: provision again
  }
}

/** glibc version that node reports when started through `loader` (proves the runtime works). */
async function probeGlibcVersion(loader: string, libraryPath: string): Promise<string> {
  const script = "process.stdout.write(process.report.getReport().header.glibcVersionRuntime)";
  return runCommand(loader, ["--library-path", libraryPath, process.execPath, "-e", script], { timeoutMs: 30_000 });
}

async function provisionRuntime(cacheDir: string, arch: { triplet: string; loader: string }): Promise<GlibcRuntime> {
  const started = Date.now();
  const mirror = findDebianMirror();
  log(
    `Downloading, once, a newer C runtime for it: Debian ${DONOR_SUITE}'s ${DONOR_PACKAGES.join(", ")}, and ` +
      `that suite's package index, from this machine's Debian mirror ${mirror.uri}. The packages are unpacked into ${cacheDir} ` +
      `for the Chroma server alone (a private apt configuration, apt-get download, dpkg -x): nothing is installed and the ` +
      `machine's apt state and libraries are not changed. Later runs reuse them without a download.`,
  );
  const workDir = path.join(cacheDir, `work-${process.pid}`);
  rmSync(workDir, { recursive: true, force: true });
  try {
    const debs = await downloadDebianPackages({ mirror, suite: DONOR_SUITE, packages: DONOR_PACKAGES, workDir });
    const staging = path.join(workDir, "root");
    for (const deb of debs) await runCommand("dpkg", ["-x", deb, staging]);
    const root = path.join(cacheDir, "root");
    const libraryPath = path.join(root, "usr", "lib", arch.triplet);
    const loader = path.join(libraryPath, arch.loader);
    rmSync(root, { recursive: true, force: true });
    renameSync(staging, root);
    const glibcVersion = await probeGlibcVersion(loader, libraryPath);
    const runtime: GlibcRuntime = { loader, libraryPath, glibcVersion, packages: debs.map((deb) => path.basename(deb)).sort() };
    writeFileSync(path.join(cacheDir, "runtime.json"), `${JSON.stringify(runtime, null, 2)}\n`);
    log(`Private glibc ${glibcVersion} runtime ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return runtime;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * Makes sure the Chroma server's native binding can run on this machine. Returns undefined when
 * node can start it as it is (glibc >= {@link REQUIRED_GLIBC}, or not Linux/glibc). Otherwise
 * returns a private glibc runtime from Debian {@link DONOR_SUITE}, downloaded once into
 * `cacheDir` and reused after, and says on stderr that and why it is used.
 */
export async function ensureGlibcRuntime(cacheDir: string = defaultGlibcCacheDir()): Promise<GlibcRuntime | undefined> {
  const glibc = currentGlibcVersion();
  if (process.platform !== "linux" || glibc === undefined || compareVersions(glibc, REQUIRED_GLIBC) >= 0) return undefined;
  const arch = LOADERS[process.arch];
  if (!arch) throw new Error(`glibc ${glibc} is older than ${REQUIRED_GLIBC} and no private runtime is known for ${process.arch}.`);
  log(`This machine's glibc ${glibc} is older than the ${REQUIRED_GLIBC} that the Chroma server's native binding (from the chromadb package) needs.`);
  mkdirSync(cacheDir, { recursive: true });
  const runtime = readCachedRuntime(cacheDir) ?? (await provisionRuntime(cacheDir, arch));
  log(`Running it with the private glibc ${runtime.glibcVersion} from ${runtime.libraryPath} (via its own loader).`);
  return runtime;
}
