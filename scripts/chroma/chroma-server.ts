import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromaCliPath } from "./chromadb-paths";
import { ensureGlibcRuntime } from "./glibc-runtime";

export { ensureGlibcRuntime, currentGlibcVersion, REQUIRED_GLIBC, type GlibcRuntime } from "./glibc-runtime";

/** Options for {@link startChromaServer}. */
export interface ChromaServerOptions {
  /** Port on 127.0.0.1. Default: a free port picked by the OS. */
  port?: number;
  /** Persistence folder. Default: a new temp folder, removed by `stop()` (a given one is kept). */
  dataDir?: string;
  /** How long to wait for `GET /api/v2/heartbeat` to answer. Default 60 s. */
  startTimeoutMs?: number;
}

/** How a server process ended. */
export interface ChromaServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running Chroma server started by {@link startChromaServer}. */
export interface ChromaServer {
  /** Base URL, e.g. `http://127.0.0.1:8000`. */
  url: string;
  port: number;
  /** Process id of the server (SIGKILL is what stops it). */
  pid: number;
  dataDir: string;
  /** Settles when the server process ends, for whatever reason. */
  exited: Promise<ChromaServerExit>;
  /** Kills the server by pid (SIGKILL), waits for it to end, and removes a temp data dir. */
  stop(): Promise<void>;
}

const HOST = "127.0.0.1";
const TAIL_LINES = 30;

/** Asks the OS for a port that is free on 127.0.0.1 right now. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** The last lines a child wrote on stdout/stderr (plus notes), for error messages. */
export interface OutputTail {
  add(source: string, text: string): void;
  text(): string;
}

/** Keeps the last lines `child` writes on stdout/stderr. */
export function collectTail(child: ChildProcess): OutputTail {
  const lines: string[] = [];
  const tail: OutputTail = {
    add(source, text) {
      for (const line of text.split("\n")) if (line.trim()) lines.push(`[${source}] ${line.trimEnd()}`);
      lines.splice(0, Math.max(0, lines.length - TAIL_LINES));
    },
    text: () => (lines.length ? lines.join("\n") : "(the server printed nothing)"),
  };
  child.stdout?.on("data", (chunk: Buffer) => tail.add("stdout", chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => tail.add("stderr", chunk.toString("utf8")));
  return tail;
}

async function heartbeatAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/api/v2/heartbeat`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false; // not listening yet
  }
}

/** Resolves once the heartbeat answers; rejects if the process ends first or the time runs out. */
async function waitForHeartbeat(url: string, exited: Promise<ChromaServerExit>, timeoutMs: number): Promise<void> {
  let exit: ChromaServerExit | undefined;
  void exited.then((value) => (exit = value));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exit) throw new Error(`it exited (code ${exit.code}, signal ${exit.signal}) before answering`);
    if (await heartbeatAnswers(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`GET ${url}/api/v2/heartbeat did not answer within ${timeoutMs} ms`);
}

/**
 * Starts the chromadb package's own server (`chroma run`, its CLI in node_modules) on 127.0.0.1,
 * through a private newer glibc where the machine's is too old (see `ensureGlibcRuntime`), and
 * resolves once `GET /api/v2/heartbeat` answers. On failure it kills the process, removes the
 * temp data dir and rejects with an Error that shows the server's last output lines.
 */
export async function startChromaServer(options: ChromaServerOptions = {}): Promise<ChromaServer> {
  const runtime = await ensureGlibcRuntime();
  const port = options.port ?? (await findFreePort());
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "orchestratai-chroma-"));
  const url = `http://${HOST}:${port}`;
  const nodeArgs = [chromaCliPath(), "run", "--path", dataDir, "--host", HOST, "--port", String(port)];
  const [command, args] = runtime
    ? [runtime.loader, ["--library-path", runtime.libraryPath, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];

  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  const tail = collectTail(child);
  const exited = new Promise<ChromaServerExit>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", (error) => {
      tail.add("spawn", error.message);
      resolve({ code: null, signal: null });
    });
  });
  const isRunning = (): boolean => child.exitCode === null && child.signalCode === null;
  const killOnExit = (): void => {
    if (isRunning()) child.kill("SIGKILL"); // never leave a server behind when this process ends
  };
  process.once("exit", killOnExit);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      process.removeListener("exit", killOnExit);
      if (isRunning()) child.kill("SIGKILL"); // it ignores SIGTERM
      await exited;
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    })());

  try {
    await waitForHeartbeat(url, exited, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    const how = runtime ? `${runtime.loader} --library-path ${runtime.libraryPath} ${process.execPath}` : process.execPath;
    throw new Error(
      `The Chroma server did not start at ${url}: ${(error as Error).message}.\n` +
        `Command: ${how} ${nodeArgs.join(" ")}\nLast output of the server:\n${tail.text()}`,
      { cause: error },
    );
  }
  if (child.pid === undefined) throw new Error("The Chroma server process has no pid.");
  return { url, port, pid: child.pid, dataDir, exited, stop };
}
