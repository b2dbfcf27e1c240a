import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { CostTracker } from "./src/tracking/cost-tracker";
const cm = new AsyncLocalStorageContextManager().enable(); context.setGlobalContextManager(cm);
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor({ export: (_s, d) => d({ code: 0 }), shutdown: async () => {} })] });
const meterProvider = new MeterProvider({ readers: [new PeriodicExportingMetricReader({ exporter: { export: (_m, d) => d({ code: 0 }), forceFlush: async () => {}, shutdown: async () => {} }, exportIntervalMillis: 5000 })] });
const message = new AIMessage({ content: "Paris.", usage_metadata: { input_tokens: 30, output_tokens: 5, total_tokens: 35 }, response_metadata: { model_name: "gpt-4o-2024-08-06", finish_reason: "stop" } });
const output = { generations: [[{ text: "Paris.", message } as never]] };
const metadata = { ls_provider: "openai", ls_model_name: "gpt-4o", ls_temperature: 0.2, role: "rag", langgraph_node: "n" };
async function run(tracker: CostTracker, n: number) {
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    const id = `r-${Math.random()}`;
    await tracker.handleChatModelStart({} as never, [[new HumanMessage("hi")]], id, undefined, { invocation_params: { model: "gpt-4o" } }, undefined, metadata);
    await tracker.handleLLMEnd(output as never, id);
    if (i % 5000 === 0) tracker.reset();
  }
  return ((performance.now() - t) / n) * 1000;
}
(async () => {
  const off = new CostTracker(); const on = new CostTracker({ telemetry: { tracerProvider, meterProvider } }); const spansOnly = new CostTracker({ telemetry: { tracerProvider, meterProvider: { getMeter: () => require("@opentelemetry/api").metrics.getMeterProvider().getMeter("x") } as never } }); const metricsOnly = new CostTracker({ telemetry: { meterProvider, tracerProvider: { getTracer: () => require("@opentelemetry/api").trace.getTracerProvider().getTracer("x") } as never } });
  for (let r = 0; r < 4; r++) console.log("off", (await run(off, 20000)).toFixed(1), "on", (await run(on, 20000)).toFixed(1), "µs");
  process.exit(0);
})();
