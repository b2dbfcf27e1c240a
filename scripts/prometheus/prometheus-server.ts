import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { collectTail, findFreePort } from "../chroma/chroma-server";
import { ensurePrometheus } from "./prometheus-install";

/** Options of {@link startPrometheus}. */
export interface PrometheusOptions {
  /** `host:port` of each /metrics endpoint to scrape, e.g. `127.0.0.1:9464`. */
  targets: string[];
  /** Port of the server (UI and HTTP API) on 127.0.0.1; default: a free one. */
  port?: number;
  /** Seconds between scrapes; default 1 (a demo: real setups use 15–60). */
  scrapeIntervalSeconds?: number;
  /** How long to wait for `/-/ready`; default 60 s. */
  startTimeoutMs?: number;
}

/** One series of an instant query's answer. */
export interface PrometheusSample {
  metric: Record<string, string>;
  value: number;
}

/** A Prometheus server started by {@link startPrometheus}. */
export interface PrometheusServer {
  /** `http://127.0.0.1:<port>`: the UI and the HTTP API. */
  url: string;
  pid: number;
  version: string;
  /** Instant query through `/api/v1/query`; rejects with Prometheus' error. */
  query(promql: string): Promise<PrometheusSample[]>;
  /** Stops the server (SIGTERM, then waits) and removes its config and data. */
  stop(): Promise<void>;
}

/** The job name targets are scraped under. */
export const SCRAPE_JOB = "orchestratai-llm";

/** The query of the cost graph: the cost counter summed by LangGraph node. */
export const COST_BY_NODE_QUERY = "sum by (orchestratai_node) (orchestratai_client_cost_total)";

/** The UI's graph page for `promql` over the last `range` (e.g. "15m"). */
export function graphPageUrl(serverUrl: string, promql: string, range: string): string {
  return `${serverUrl}/graph?${new URLSearchParams({ "g0.expr": promql, "g0.tab": "0", "g0.range_input": range })}`;
}

const HOST = "127.0.0.1";

function scrapeConfig(targets: string[], intervalSeconds: number): string {
  return [
    "global:",
    `  scrape_interval: ${intervalSeconds}s`,
    `  evaluation_interval: ${intervalSeconds}s`,
    "scrape_configs:",
    `  - job_name: ${SCRAPE_JOB}`,
    "    static_configs:",
    `      - targets: [${targets.map((target) => JSON.stringify(target)).join(", ")}]`,
    "",
  ].join("\n");
}

async function instantQuery(url: string, promql: string): Promise<PrometheusSample[]> {
  const response = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: promql })}`);
  const body = (await response.json()) as { status: string; error?: string; data?: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  if (body.status !== "success" || body.data === undefined) throw new Error(`Prometheus query ${promql} failed: ${body.error ?? response.status}`);
  return body.data.result.map((series) => ({ metric: series.metric, value: Number(series.value[1]) }));
}

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false; // not listening yet
  }
}

/**
 * Starts a real Prometheus server on 127.0.0.1 scraping `targets` (Debian's package, provided
 * privately when it is not installed: see `ensurePrometheus`), with its config and data in a new
 * temp folder, and resolves once `/-/ready` answers. On failure it stops the server and rejects
 * with its last output lines.
 */
export async function startPrometheus(options: PrometheusOptions): Promise<PrometheusServer> {
  const install = await ensurePrometheus();
  const port = options.port ?? (await findFreePort());
  const dir = mkdtempSync(path.join(tmpdir(), "orchestratai-prometheus-"));
  const config = path.join(dir, "prometheus.yml");
  writeFileSync(config, scrapeConfig(options.targets, options.scrapeIntervalSeconds ?? 1));
  const args = [
    `--config.file=${config}`,
    `--storage.tsdb.path=${path.join(dir, "data")}`,
    `--web.listen-address=${HOST}:${port}`,
    `--web.local-assets=${install.webAssets}`,
  ];
  const child = spawn(install.binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  const tail = collectTail(child);
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", (error) => {
      tail.add("spawn", error.message);
      resolve();
    });
  });
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  const killOnExit = (): void => void (running() && child.kill("SIGKILL"));
  process.once("exit", killOnExit);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      process.removeListener("exit", killOnExit);
      if (running()) child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    })());

  const url = `http://${HOST}:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (!(await ready(url))) {
    if (!running() || Date.now() > deadline || child.pid === undefined) {
      await stop();
      throw new Error(`Prometheus did not start at ${url}.\nCommand: ${install.binary} ${args.join(" ")}\nLast output:\n${tail.text()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, pid: child.pid!, version: install.version, query: (promql) => instantQuery(url, promql), stop };
}
