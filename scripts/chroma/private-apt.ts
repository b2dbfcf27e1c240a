import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AptSource } from "./debian-mirror";
import { runCommand } from "./run-command";

/** What {@link downloadDebianPackages} fetches, and where it may write. */
export interface PrivateDownloadRequest {
  /** The mirror to fetch from (the machine's own, see `findDebianMirror`). */
  mirror: AptSource;
  /** Debian suite to take the packages from, e.g. `trixie`. */
  suite: string;
  /** Binary package names, e.g. `libc6`. */
  packages: readonly string[];
  /** Empty scratch folder; everything apt writes goes below it. */
  workDir: string;
}

/**
 * apt.conf for a private apt: it reads none of the machine's apt.conf.d fragments (so no
 * update hooks such as appstream or PackageKit refreshes run) and keeps its lists, cache and
 * dpkg status below `workDir`. The machine's `Acquire::` settings (proxies, validity checks)
 * are carried over, except its index targets; translations are not fetched.
 */
async function privateAptConfig(workDir: string): Promise<string> {
  const machineAcquire = (await runCommand("apt-config", ["dump", "Acquire"]))
    .split("\n")
    .filter((line) => line.startsWith("Acquire::") && !line.startsWith("Acquire::IndexTargets"));
  const dir = (name: string): string => JSON.stringify(path.join(workDir, name));
  return [
    `Dir::Etc::Parts ${dir("apt.conf.d")};`,
    `Dir::Etc::SourceList "/dev/null";`,
    `Dir::Etc::SourceParts ${dir("sources.list.d")};`,
    `Dir::Etc::Preferences "/dev/null";`,
    `Dir::Etc::PreferencesParts ${dir("preferences.d")};`,
    `Dir::State ${dir("state")};`,
    `Dir::State::Lists ${dir("state/lists")};`,
    `Dir::State::status ${dir("state/status")};`,
    `Dir::Cache ${dir("cache")};`,
    `Dir::Log ${dir("log")};`,
    ...(process.getuid?.() === 0 ? [`APT::Sandbox::User "root";`] : []),
    ...machineAcquire,
    `Acquire::Languages "none";`,
    "",
  ].join("\n");
}

/**
 * Downloads Debian binary packages with a private apt configuration (`APT_CONFIG`), leaving the
 * machine's apt state, lists and libraries untouched, and returns the paths of the `.deb` files.
 * Rejects with the failing apt command and its output.
 */
export async function downloadDebianPackages(request: PrivateDownloadRequest): Promise<string[]> {
  const { mirror, suite, packages, workDir } = request;
  for (const sub of ["apt.conf.d", "sources.list.d", "preferences.d", "state/lists/partial", "cache/archives/partial", "log", "debs"]) {
    mkdirSync(path.join(workDir, sub), { recursive: true });
  }
  writeFileSync(path.join(workDir, "state/status"), "");
  const options = mirror.signedBy ? `[signed-by=${mirror.signedBy}] ` : "";
  writeFileSync(path.join(workDir, "sources.list.d/donor.list"), `deb ${options}${mirror.uri} ${suite} main\n`);
  const configFile = path.join(workDir, "apt.conf");
  writeFileSync(configFile, await privateAptConfig(workDir));

  const env = { APT_CONFIG: configFile };
  await runCommand("apt-get", ["-q", "update"], { env });
  const debsDir = path.join(workDir, "debs");
  await runCommand("apt-get", ["-q", "download", ...packages], { env, cwd: debsDir });
  return readdirSync(debsDir)
    .filter((name) => name.endsWith(".deb"))
    .map((name) => path.join(debsDir, name));
}
