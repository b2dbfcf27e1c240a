import { execFileSync } from "node:child_process";
import path from "node:path";
import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { measurePaired, type PairedOptions } from "../paired";
import { comparison, WITHIN_5_PERCENT, type BenchRow } from "../report";
import { bedrockPair, openAIPair, PROMPT, timeStream, type Endpoints } from "./clients";
import { timeHooksOfOneCall } from "./tracker";

const ROOT = path.resolve(__dirname, "..", "..");

/** Exporters that drop what they are given: the SDK does all its work, nothing leaves the process. */
const NOOP_SPAN_EXPORTER: SpanExporter = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => {} };
const NOOP_METRIC_EXPORTER: PushMetricExporter = { export: (_metrics, done) => done({ code: 0 }), forceFlush: async () => {}, shutdown: async () => {} };

/** An OpenTelemetry SDK as an application would set one up: batched spans, periodic metrics, the async context manager. */
function noopExportingSdk() {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(NOOP_SPAN_EXPORTER)] });
  const meterProvider = new MeterProvider({ readers: [new PeriodicExportingMetricReader({ exporter: NOOP_METRIC_EXPORTER, exportIntervalMillis: 5_000 })] });
  return {
    tracerProvider,
    meterProvider,
    shutdown: async () => {
      await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
      context.disable();
      contextManager.disable();
    },
  };
}

/** The @opentelemetry packages a fresh process loaded after a chat and an embeddings call through a tracker (src, through tsx). */
function openTelemetryModulesLoaded(urls: Endpoints, telemetry: boolean): string[] {
  const script = `
    (async () => {
      const { CostTracker, OpenAIProvider, OpenAIEmbeddingsProvider } = require("./src");
      const tracker = new CostTracker({ telemetry: ${telemetry} });
      const baseURL = ${JSON.stringify(`${urls.openai}/v1`)};
      await new OpenAIProvider({ model: "gpt-4o", apiKey: "sk-bench", baseURL, tracker }).complete({ messages: [{ role: "user", content: "hi" }] });
      await new OpenAIEmbeddingsProvider({ apiKey: "sk-bench", baseURL, tracker }).embed({ texts: ["hi"] });
      const files = Object.keys(require.cache).filter((file) => file.includes("/node_modules/@opentelemetry/"));
      process.stdout.write(JSON.stringify([...new Set(files.map((file) => file.split("/node_modules/")[1].split("/").slice(0, 2).join("/")))]));
    })();`;
  return JSON.parse(execFileSync(process.execPath, ["--no-warnings", "--require", "tsx/cjs", "-e", script], { cwd: ROOT, encoding: "utf8" })) as string[];
}

/**
 * A call through a CostTracker with telemetry on (an OpenTelemetry SDK with no-op exporters, so
 * every span and metric is built and recorded) against the same call through a tracker without
 * it; then which OpenTelemetry modules a process loads with telemetry off, and on.
 */
export async function benchTelemetry(urls: Endpoints, options: PairedOptions): Promise<BenchRow[]> {
  const sdk = noopExportingSdk();
  const off = new CostTracker();
  const on = new CostTracker({ telemetry: { tracerProvider: sdk.tracerProvider, meterProvider: sdk.meterProvider } });
  const measure = (tasks: Parameters<typeof measurePaired>[0]) =>
    measurePaired(tasks, {
      ...options,
      afterBlock: () => {
        off.reset();
        on.reset();
      },
    });
  const rows: BenchRow[] = [];
  try {
    for (const [label, pairOf] of [
      ["OpenAIProvider", openAIPair],
      ["BedrockProvider", bedrockPair],
    ] as const) {
      const [withOff, withOn] = [pairOf(urls, { provider: off, raw: off }).provider, pairOf(urls, { provider: on, raw: on }).provider];
      const complete = await measure({
        on: () => withOn.complete({ messages: PROMPT }).then(() => undefined),
        off: () => withOff.complete({ messages: PROMPT }).then(() => undefined),
        streamOn: async () => void (await timeStream(() => withOn.stream({ messages: PROMPT }))),
        streamOff: async () => void (await timeStream(() => withOff.stream({ messages: PROMPT }))),
      });
      rows.push(
        comparison("telemetry", `${label}.complete, CostTracker with telemetry`, complete.on!, `${label}.complete, CostTracker without`, complete.off!, WITHIN_5_PERCENT, "SDK: batched spans, periodic metrics, no-op exporters"),
        comparison("telemetry", `${label}.stream, CostTracker with telemetry, whole answer`, complete.streamOn!, `${label}.stream, CostTracker without`, complete.streamOff!, WITHIN_5_PERCENT),
      );
    }
    const hooks = await timeHooksOfOneCall(openAIPair(urls).raw, { on: new CostTracker({ telemetry: { tracerProvider: sdk.tracerProvider, meterProvider: sdk.meterProvider } }), off: new CostTracker() });
    rows.push({
      ...comparison("telemetry", "CostTracker hooks of one call with telemetry, called directly", hooks.on!, "without telemetry", hooks.off!),
      note: `telemetry's work per call (a span, four measurements): ${((hooks.on!.p50 - hooks.off!.p50) * 1000).toFixed(1)} µs`,
    });
  } finally {
    await sdk.shutdown();
  }
  const loadedOff = openTelemetryModulesLoaded(urls, false);
  const loadedOn = openTelemetryModulesLoaded(urls, true);
  rows.push({
    section: "telemetry",
    name: "OpenTelemetry modules loaded, telemetry off",
    value: loadedOff.length === 0 ? `none (with telemetry on: ${loadedOn.join(", ")})` : `LOADED: ${loadedOff.join(", ")}`,
    target: { label: "none" },
    ok: loadedOff.length === 0,
    note: "a fresh process: the root entry (src), a CostTracker, a chat and an embeddings call",
  });
  return rows;
}
