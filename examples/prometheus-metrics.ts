/**
 * The router graph (examples/langgraph-router.ts) with OpenTelemetry metrics: the tracker's
 * telemetry records `gen_ai.client.token.usage`, `gen_ai.client.operation.duration` and the
 * `orchestratai.client.cost` counter into an OpenTelemetry SDK `MeterProvider`, whose Prometheus
 * exporter serves them at http://127.0.0.1:9464/metrics. Start a real Prometheus scraping it in
 * another terminal with `npm run prometheus`.
 *
 *   npm run example:prometheus                       # offline, on the stand-ins; serves /metrics until Ctrl-C
 *   npm run example:prometheus -- --rounds 5 --port 9464
 *   npm run example:prometheus -- --once             # ask the questions, print the metrics, exit
 */
import { parseArgs } from "node:util";
import { PrometheusExporter } from "@opentelemetry/exporter-prometheus";
import { MeterProvider } from "@opentelemetry/sdk-metrics";
import { ProviderFactory } from "../src/factory";
import { CostTracker } from "../src/tracking/cost-tracker";
import { buildRouterGraph, SAMPLE_QUESTIONS, scriptOfflineRouter } from "./langgraph-router";
import { startStandIns, type StandIns } from "../src/testing";
import { quietAwsNodeVersionWarning, standInsLine } from "./run-example";

/** The exporter's default port, which `npm run prometheus` scrapes unless told otherwise. */
export const DEFAULT_METRICS_PORT = 9464;

/** Options of {@link startMetricsExample}. */
export interface MetricsExampleOptions {
  /** Port of the /metrics endpoint on 127.0.0.1 (default {@link DEFAULT_METRICS_PORT}). */
  port?: number;
}

/** A running example: the /metrics endpoint, the tracker whose books it mirrors, the graph to ask. */
export interface MetricsExample {
  /** `http://127.0.0.1:<port>/metrics`. */
  metricsUrl: string;
  tracker: CostTracker;
  standIns: StandIns;
  /** Asks every sample question once more, through the graph (each call scripted on the stand-ins). */
  askRound(): Promise<void>;
  /** Stops the /metrics endpoint and the stand-ins. */
  close(): Promise<void>;
}

/**
 * Starts the stand-ins and a `MeterProvider` with a Prometheus exporter on 127.0.0.1, and a
 * factory whose tracker sends its metrics there.
 */
export async function startMetricsExample(options: MetricsExampleOptions = {}): Promise<MetricsExample> {
  const port = options.port ?? DEFAULT_METRICS_PORT;
  const exporter = new PrometheusExporter({ host: "127.0.0.1", port, preventServerStart: true });
  await exporter.startServer();
  const meterProvider = new MeterProvider({ readers: [exporter] });
  const standIns = await startStandIns();
  const tracker = new CostTracker({ telemetry: { meterProvider } });
  const graph = buildRouterGraph(new ProviderFactory({ env: standIns.env, tracker }));
  return {
    metricsUrl: `http://127.0.0.1:${port}/metrics`,
    tracker,
    standIns,
    askRound: async () => {
      scriptOfflineRouter(standIns, SAMPLE_QUESTIONS);
      for (const { text } of SAMPLE_QUESTIONS) await graph.invoke({ question: text });
    },
    close: async () => {
      await meterProvider.shutdown();
      await standIns.close();
    },
  };
}

async function main(): Promise<void> {
  quietAwsNodeVersionWarning();
  const { values } = parseArgs({ options: { port: { type: "string" }, rounds: { type: "string" }, once: { type: "boolean" } } });
  const example = await startMetricsExample({ port: values.port === undefined ? undefined : Number(values.port) });
  const rounds = Number(values.rounds ?? 1);
  for (let round = 0; round < rounds; round++) await example.askRound();
  console.log(`${standInsLine(example.standIns)}\n\n${example.tracker.report()}\n`);
  if (values.once) {
    const text = await (await fetch(example.metricsUrl)).text();
    const shown = text.split("\n").filter((line) => /^(orchestratai_client_cost_total|gen_ai_client_token_usage_sum)\{/.test(line));
    console.log(`From ${example.metricsUrl}, the cost counter and the token sums:\n${shown.join("\n")}`);
    await example.close();
    return;
  }
  console.log(`Metrics at ${example.metricsUrl}. In another terminal: npm run prometheus (it scrapes 127.0.0.1:${values.port ?? DEFAULT_METRICS_PORT}). Ctrl-C stops.`);
  process.once("SIGINT", () => void example.close().then(() => process.exit(0)));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
