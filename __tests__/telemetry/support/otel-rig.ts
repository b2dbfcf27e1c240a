import { context, metrics, trace, type Attributes } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { AggregationTemporality, DataPointType, MeterProvider, MetricReader, type DataPoint, type Histogram } from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";

/** A metric reader the test collects from on demand. */
class CollectingReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** One data point of a metric, with its attributes. */
export interface Point<T> {
  attributes: Attributes;
  value: T;
}

/** An OpenTelemetry SDK in memory: a tracer provider whose finished spans the test reads, and a meter provider it collects from. */
export interface OpenTelemetryRig {
  tracerProvider: BasicTracerProvider;
  meterProvider: MeterProvider;
  /** The finished spans, in the order they ended. */
  spans(): ReadableSpan[];
  /** The spans of this package (scope "@orchestratai/llm"). */
  llmSpans(): ReadableSpan[];
  /** The data points of a counter (or other sum) named `name`. */
  sums(name: string): Promise<Point<number>[]>;
  /** The data points of a histogram named `name`. */
  histograms(name: string): Promise<Point<Histogram>[]>;
  /** Forgets the finished spans. */
  reset(): void;
}

/** Installs the async context manager (the one a Node SDK installs): spans nest across awaits. */
export function useContextManager(): void {
  let manager: AsyncLocalStorageContextManager;
  beforeAll(() => {
    manager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(manager);
  });
  afterAll(() => {
    context.disable();
    manager.disable();
  });
}

/** A fresh in-memory SDK (not registered globally). */
export function createOpenTelemetryRig(): OpenTelemetryRig {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new CollectingReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const points = async <T>(name: string, type: DataPointType): Promise<Point<T>[]> => {
    const { resourceMetrics } = await reader.collect();
    const metric = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics).find((candidate) => candidate.descriptor.name === name);
    if (metric === undefined) return [];
    if (metric.dataPointType !== type) throw new Error(`${name} is a ${DataPointType[metric.dataPointType]}, not a ${DataPointType[type]}`);
    return (metric.dataPoints as DataPoint<T>[]).map((point) => ({ attributes: point.attributes, value: point.value }));
  };
  return {
    tracerProvider,
    meterProvider,
    spans: () => exporter.getFinishedSpans(),
    llmSpans: () => exporter.getFinishedSpans().filter((span) => span.instrumentationScope.name === "@orchestratai/llm"),
    sums: (name) => points<number>(name, DataPointType.SUM),
    histograms: (name) => points<Histogram>(name, DataPointType.HISTOGRAM),
    reset: () => exporter.reset(),
  };
}

/** A rig for the enclosing block, its spans forgotten before each test. */
export function useOpenTelemetryRig(): OpenTelemetryRig {
  const rig = createOpenTelemetryRig();
  beforeEach(() => rig.reset());
  return rig;
}

/** Registers `rig`'s providers as the global ones for the enclosing block (for `telemetry: true`). */
export function useGlobalProviders(rig: OpenTelemetryRig): void {
  beforeAll(() => {
    trace.setGlobalTracerProvider(rig.tracerProvider);
    metrics.setGlobalMeterProvider(rig.meterProvider);
  });
  afterAll(() => {
    trace.disable();
    metrics.disable();
  });
}
