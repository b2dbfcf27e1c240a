import { startMetricsExample, type MetricsExample } from "../../examples/prometheus-metrics";
import { findFreePort } from "../../scripts/chroma/chroma-server";
import { ensurePrometheus } from "../../scripts/prometheus/prometheus-install";
import { SCRAPE_JOB, startPrometheus, type PrometheusSample, type PrometheusServer } from "../../scripts/prometheus/prometheus-server";

/** Polls `promql` until it returns series (Prometheus scrapes every second), for at most `timeoutMs`. */
async function untilAnswered(server: PrometheusServer, promql: string, timeoutMs = 30_000): Promise<PrometheusSample[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const samples = await server.query(promql);
    if (samples.length > 0 || Date.now() > deadline) return samples;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("a real Prometheus scraping the example's /metrics agrees with the tracker's books", () => {
  let example: MetricsExample | undefined;
  let prometheus: PrometheusServer | undefined;

  beforeAll(async () => {
    // The first run on a machine provides Debian's prometheus privately (a download of ~20 MB).
    await ensurePrometheus();
    example = await startMetricsExample({ port: await findFreePort() });
    await example.askRound();
    await example.askRound();
    prometheus = await startPrometheus({ targets: [new URL(example.metricsUrl).host] });
  }, 300_000);

  afterAll(async () => {
    await prometheus?.stop();
    await example?.close();
  });

  it("the cost counter summed by node equals totals().byNode, and the token sums equal the tracker's", async () => {
    const server = prometheus!;
    const totals = example!.tracker.totals();
    expect(totals.calls).toBe(18);

    const up = await untilAnswered(server, `up{job="${SCRAPE_JOB}"} == 1`);
    expect(up).toHaveLength(1);
    const byNode = await untilAnswered(server, "sum by (orchestratai_node) (orchestratai_client_cost_total)");
    const scraped = Object.fromEntries(byNode.map((sample) => [sample.metric.orchestratai_node, sample.value]));
    expect(Object.keys(scraped).sort()).toEqual(Object.keys(totals.byNode).sort());
    for (const [node, bucket] of Object.entries(totals.byNode)) expect(Math.abs(scraped[node]! - bucket.costUsd)).toBeLessThan(1e-9);
    expect(totals.costUsd).toBeGreaterThan(0);

    const tokens = await untilAnswered(server, "sum by (gen_ai_token_type) (gen_ai_client_token_usage_sum)");
    expect(Object.fromEntries(tokens.map((sample) => [sample.metric.gen_ai_token_type, sample.value]))).toEqual({ input: totals.tokensInput, output: totals.tokensOutput });

    const calls = await untilAnswered(server, `sum(gen_ai_client_operation_duration_count)`);
    expect(calls.map((sample) => sample.value)).toEqual([totals.calls]);
  });
});
