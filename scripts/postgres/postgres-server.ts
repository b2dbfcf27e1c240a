import { spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { findFreePort } from "../chroma/chroma-server";
import { runCommand } from "../chroma/run-command";
import { ensurePostgresBinaries } from "./postgres-binaries";

/** Options for {@link startPostgresServer}. */
export interface PostgresServerOptions {
  /** Port on 127.0.0.1. Default: a free port picked by the OS. */
  port?: number;
  /**
   * Folder holding the cluster (`<baseDir>/data`) and its socket. Default: a new temp folder.
   * A folder that already holds a cluster is started as it is (to restart a stopped server).
   */
  baseDir?: string;
  /** How long to wait for the server to accept a connection. Default 30 s. */
  startTimeoutMs?: number;
}

/** A running throw-away PostgreSQL server started by {@link startPostgresServer}. */
export interface PostgresServer {
  /** `postgresql://app@127.0.0.1:<port>/postgres` (trust authentication, user `app`). */
  url: string;
  port: number;
  /** The postmaster's process id. */
  pid: number;
  baseDir: string;
  /** Fast shutdown; waits until the server has exited. `removeData` (default true) deletes baseDir. */
  stop(options?: { removeData?: boolean }): Promise<void>;
}

const HOST = "127.0.0.1";
/** The superuser `initdb` creates, with trust authentication on loopback. */
export const POSTGRES_TEST_USER = "app";

/** PostgreSQL refuses to run as root: as root, run its programs as the `postgres` user Debian's package creates. */
function asServerUser(program: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", program, ...args]] : [program, args];
}

/** Makes `dir` the `postgres` user's (run as root), so the server can write its cluster and socket there. */
async function giveToServerUser(dir: string): Promise<void> {
  const id = async (flag: string): Promise<number> => Number((await runCommand("id", [flag, "postgres"])).trim());
  chownSync(dir, await id("-u"), await id("-g"));
}

async function accepts(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false; // not listening yet, or still starting up
  } finally {
    await client.end().catch(() => undefined);
  }
}

function postmasterPid(dataDir: string): number | undefined {
  const file = path.join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * Starts Debian's PostgreSQL server (installed with apt when missing; as the `postgres` user when
 * run as root) on 127.0.0.1 with a cluster in a temp folder (`fsync=off`: it is thrown away), and
 * resolves once it accepts connections. On failure it stops what it started and rejects with the
 * server's last log lines.
 */
export async function startPostgresServer(options: PostgresServerOptions = {}): Promise<PostgresServer> {
  const bin = await ensurePostgresBinaries();
  const baseDir = options.baseDir ?? mkdtempSync(path.join(tmpdir(), "orchestratai-postgres-"));
  const dataDir = path.join(baseDir, "data");
  if (process.getuid?.() === 0) await giveToServerUser(baseDir);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    const [program, args] = asServerUser(path.join(bin, "initdb"), ["-D", dataDir, "-A", "trust", "-U", POSTGRES_TEST_USER, "--no-sync", "-E", "UTF8"]);
    await runCommand(program, args);
  }
  const port = options.port ?? (await findFreePort());
  const url = `postgresql://${POSTGRES_TEST_USER}@${HOST}:${port}/postgres`;
  const settings = ["listen_addresses=" + HOST, "fsync=off", "full_page_writes=off", "max_connections=300", "unix_socket_permissions=0700"];
  const [program, args] = asServerUser(path.join(bin, "postgres"), ["-D", dataDir, "-p", String(port), "-k", baseDir, ...settings.flatMap((setting) => ["-c", setting])]);
  const child = spawn(program, args, { stdio: ["ignore", "ignore", "pipe"] });
  const log: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => log.push(...chunk.toString("utf8").split("\n").filter(Boolean)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let running = true;
  void exited.then(() => (running = false));
  const killOnExit = (): void => {
    const pid = postmasterPid(dataDir);
    if (running && pid !== undefined) process.kill(pid, "SIGQUIT"); // never leave a server behind
  };
  process.once("exit", killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = ({ removeData = true } = {}): Promise<void> =>
    (stopping ??= (async () => {
      process.removeListener("exit", killOnExit);
      const pid = postmasterPid(dataDir);
      if (running && pid !== undefined) process.kill(pid, "SIGINT"); // fast shutdown
      else if (running) child.kill("SIGINT");
      await exited;
      if (removeData) rmSync(baseDir, { recursive: true, force: true });
    })());

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (!(await accepts(url))) {
    if (!running || Date.now() > deadline) {
      await stop({ removeData: options.baseDir === undefined });
      throw new Error(`PostgreSQL did not start at ${url} (${running ? "timed out" : "it exited"}). Last log lines:\n${log.slice(-20).join("\n") || "(none)"}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, port, pid: postmasterPid(dataDir) ?? child.pid!, baseDir, stop };
}
