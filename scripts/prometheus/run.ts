/**
 * `npm run prometheus [-- --port 9090 --target 127.0.0.1:9464]`: starts a real Prometheus server
 * on 127.0.0.1 scraping the target's /metrics every second (by default the endpoint of
 * `npm run example:prometheus`), prints where its UI is, and stops it on Ctrl-C.
 */
import { parseArgs } from "node:util";
import { DEFAULT_METRICS_PORT } from "../../examples/prometheus-metrics";
import { COST_BY_NODE_QUERY, graphPageUrl, startPrometheus } from "./prometheus-server";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: "string" }, target: { type: "string", multiple: true } } });
  const targets = values.target ?? [`127.0.0.1:${DEFAULT_METRICS_PORT}`];
  const server = await startPrometheus({ targets, port: Number(values.port ?? 9090) });
  process.stdout.write(
    `Prometheus ${server.version} running at ${server.url} (pid ${server.pid}), scraping ${targets.join(", ")} every second.\n` +
      `UI, cost by node: ${graphPageUrl(server.url, COST_BY_NODE_QUERY, "15m")}\n` +
      `Targets: ${server.url}/targets · API: ${server.url}/api/v1/query?query=${encodeURIComponent(COST_BY_NODE_QUERY)}\n` +
      `Press Ctrl-C to stop it.\n`,
  );
  const shutdown = (): void => void server.stop().then(() => process.exit(0));
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
