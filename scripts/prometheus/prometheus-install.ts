import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { nodeModulesDir } from "../chroma/chromadb-paths";
import { debianCodename, findDebianMirror } from "../chroma/debian-mirror";
import { downloadDebianPackages } from "../chroma/private-apt";
import { runCommand } from "../chroma/run-command";

/** A Prometheus server program and the web assets of its UI. */
export interface PrometheusInstall {
  /** The `prometheus` binary. */
  binary: string;
  /** `--web.local-assets`: the UI's templates and static files (Debian keeps them apart from the binary). */
  webAssets: string;
  /** What `prometheus --version` says, e.g. `2.42.0+ds`. */
  version: string;
  /** The Debian package files it was made from, when it was provided privately. */
  packages?: string[];
}

/** Debian's own place for the UI assets of its `prometheus` package. */
const DEBIAN_WEB_ASSETS = "/usr/share/prometheus/web/";
/** The UI's libraries are separate Debian packages, symlinked from the assets folder. */
const UI_PACKAGE = /^(libjs-|fonts-)/;

function log(message: string): void {
  process.stderr.write(`[prometheus] ${message}\n`);
}

/** Where the private install is cached: `node_modules/.cache/orchestratai-prometheus`. */
export function defaultPrometheusCacheDir(): string {
  return path.join(nodeModulesDir(), ".cache", "orchestratai-prometheus");
}

/** The first `prometheus` on PATH, if any. */
function prometheusOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "prometheus");
    if (dir !== "" && existsSync(candidate)) return candidate;
  }
  return undefined;
}

async function versionOf(binary: string): Promise<string> {
  const output = await runCommand(binary, ["--version"], { timeoutMs: 30_000 });
  return /version (\S+)/.exec(output)?.[1] ?? output.split("\n")[0]!.trim();
}

/** The package names a .deb depends on (first of each alternative, versions dropped). */
async function dependsOf(deb: string): Promise<string[]> {
  const field = (await runCommand("dpkg-deb", ["-f", deb, "Depends"])).trim();
  return field === "" ? [] : field.split(",").map((entry) => entry.split("|")[0]!.trim().split(/[\s(]/)[0]!);
}

function readCached(cacheDir: string): PrometheusInstall | undefined {
  try {
    const install = JSON.parse(readFileSync(path.join(cacheDir, "prometheus.json"), "utf8")) as PrometheusInstall;
    return existsSync(install.binary) && existsSync(install.webAssets) ? install : undefined;
  } catch {
    return undefined; // none yet, or unreadable: provide it again
  }
}

/**
 * Downloads Debian's `prometheus` and the packages of its UI's libraries (their `libjs-*` /
 * `fonts-*` dependencies, followed until none is new) with a private apt configuration, and
 * unpacks them with `dpkg -x` into one folder, where the UI's relative symlinks resolve.
 */
async function provide(cacheDir: string): Promise<PrometheusInstall> {
  const started = Date.now();
  const mirror = findDebianMirror(undefined, undefined, "Install Prometheus yourself (Debian's package is `prometheus`) so that `prometheus` is on PATH.");
  const suite = debianCodename() ?? "bookworm";
  log(`Providing Debian ${suite}'s prometheus privately (one-time, cached in ${cacheDir}): apt-get download from ${mirror.uri} with a private apt config, then dpkg -x. Nothing is installed on the machine.`);
  const workDir = path.join(cacheDir, `work-${process.pid}`);
  rmSync(workDir, { recursive: true, force: true });
  try {
    const debs: string[] = [];
    const wanted = new Set(["prometheus"]);
    for (let round = 0, batch = ["prometheus"]; batch.length > 0; round += 1) {
      const fetched = await downloadDebianPackages({ mirror, suite, packages: batch, workDir: path.join(workDir, `round-${round}`) });
      debs.push(...fetched);
      const next = new Set<string>();
      for (const deb of fetched) for (const name of await dependsOf(deb)) if (UI_PACKAGE.test(name) && !wanted.has(name)) next.add(name);
      for (const name of next) wanted.add(name);
      batch = [...next];
    }
    const staging = path.join(workDir, "root");
    for (const deb of debs) await runCommand("dpkg", ["-x", deb, staging]);
    const root = path.join(cacheDir, "root");
    rmSync(root, { recursive: true, force: true });
    renameSync(staging, root);
    const binary = path.join(root, "usr", "bin", "prometheus");
    const install: PrometheusInstall = {
      binary,
      webAssets: path.join(root, DEBIAN_WEB_ASSETS),
      version: await versionOf(binary),
      packages: debs.map((deb) => path.basename(deb)).sort(),
    };
    writeFileSync(path.join(cacheDir, "prometheus.json"), `${JSON.stringify(install, null, 2)}\n`);
    log(`Prometheus ${install.version} ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return install;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * A Prometheus to run: the machine's own when `prometheus` is on PATH (Debian's package), else
 * Debian's package provided privately once into `cacheDir` (see {@link provide}) and reused after.
 */
export async function ensurePrometheus(cacheDir: string = defaultPrometheusCacheDir()): Promise<PrometheusInstall> {
  const installed = prometheusOnPath();
  if (installed !== undefined) return { binary: installed, webAssets: DEBIAN_WEB_ASSETS, version: await versionOf(installed) };
  mkdirSync(cacheDir, { recursive: true });
  return readCached(cacheDir) ?? (await provide(cacheDir));
}
