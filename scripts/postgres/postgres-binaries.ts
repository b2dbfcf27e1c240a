import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { runCommand } from "../chroma/run-command";

/** Where Debian's `postgresql-NN` packages put the server programs. */
const DEBIAN_ROOT = "/usr/lib/postgresql";

function log(message: string): void {
  process.stderr.write(`[postgres] ${message}\n`);
}

/** The newest Debian server's bin folder (`/usr/lib/postgresql/<version>/bin`), if one is installed. */
export function findPostgresBinaries(root = DEBIAN_ROOT): string | undefined {
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name) && existsSync(path.join(root, name, "bin", "postgres")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(root, versions[0], "bin");
}

/**
 * The PostgreSQL server programs, installed with apt (Debian's `postgresql` package) when missing.
 * Installing needs root; as any other user a missing server is an error saying what to do.
 */
export async function ensurePostgresBinaries(): Promise<string> {
  const found = findPostgresBinaries();
  if (found !== undefined) return found;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `No PostgreSQL server found under ${DEBIAN_ROOT}. Install it (sudo apt-get install postgresql) ` +
        `or set DATABASE_URL to a server of your own.`,
    );
  }
  log("no server under /usr/lib/postgresql: installing Debian's postgresql package with apt-get (a minute or two)…");
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  await runCommand("apt-get", ["-q", "update"], { env, timeoutMs: 600_000 });
  await runCommand("apt-get", ["-q", "install", "-y", "--no-install-recommends", "postgresql"], { env, timeoutMs: 900_000 });
  const installed = findPostgresBinaries();
  if (installed === undefined) throw new Error(`apt-get installed postgresql, but no server appeared under ${DEBIAN_ROOT}.`);
  return installed;
}
