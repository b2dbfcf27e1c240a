/**
 * `npm run docs:cost-graph`: makes docs/prometheus-cost-by-node.png, the Prometheus graph of the
 * router example's cost by node. Starts the example's /metrics endpoint and a real Prometheus
 * scraping it every second, asks the sample questions in a few rounds a few seconds apart (so the
 * counters climb), checks that Prometheus agrees with the tracker, and has headless Chromium
 * (Debian's package, installed when missing) screenshot the graph page.
 */
import path from "node:path";
import { startMetricsExample } from "../../examples/prometheus-metrics";
import { findFreePort } from "../chroma/chroma-server";
import { ensureChromium, screenshot } from "./chromium";
import { COST_BY_NODE_QUERY, graphPageUrl, startPrometheus } from "./prometheus-server";

const OUTPUT = path.resolve(__dirname, "..", "..", "docs", "prometheus-cost-by-node.png");
const ROUNDS = 8;
const PAUSE_MS = 4_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  // First: an install would otherwise take the graph's minute.
  const chromium = await ensureChromium();
  const example = await startMetricsExample({ port: await findFreePort() });
  const prometheus = await startPrometheus({ targets: [new URL(example.metricsUrl).host] });
  try {
    for (let round = 0; round < ROUNDS; round++) {
      await example.askRound();
      await sleep(PAUSE_MS);
    }
    const scraped = Object.fromEntries((await prometheus.query(COST_BY_NODE_QUERY)).map((sample) => [sample.metric.orchestratai_node, sample.value]));
    for (const [node, bucket] of Object.entries(example.tracker.totals().byNode)) {
      if (Math.abs((scraped[node] ?? Number.NaN) - bucket.costUsd) > 1e-9) throw new Error(`Prometheus has $${scraped[node]} for node ${node}, the tracker $${bucket.costUsd}`);
    }
    await screenshot(chromium, graphPageUrl(prometheus.url, COST_BY_NODE_QUERY, "45s"), OUTPUT, { width: 1280, height: 960, settleMs: 5_000 });
    process.stdout.write(`Wrote ${path.relative(process.cwd(), OUTPUT)} (Prometheus ${prometheus.version}; ${example.tracker.totals().calls} calls; cost by node agrees with the tracker).\n`);
  } finally {
    await prometheus.stop();
    await example.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
