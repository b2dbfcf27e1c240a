import type { Attributes, Counter, Histogram, Meter, MeterProvider } from "@opentelemetry/api";
import type { TrackedCall } from "../tracking/totals";
import { ATTR, INSTRUMENTATION_SCOPE, METRIC } from "./telemetry-names";

/** The instruments of one meter. */
interface Instruments {
  tokens: Histogram;
  duration: Histogram;
  cost: Counter;
}

function instrumentsOf(meter: Meter): Instruments {
  const { tokenUsage, operationDuration, cost } = METRIC;
  return {
    tokens: meter.createHistogram(tokenUsage.name, { unit: tokenUsage.unit, description: tokenUsage.description, advice: { explicitBucketBoundaries: [...tokenUsage.buckets] } }),
    duration: meter.createHistogram(operationDuration.name, {
      unit: operationDuration.unit,
      description: operationDuration.description,
      advice: { explicitBucketBoundaries: [...operationDuration.buckets] },
    }),
    cost: meter.createCounter(cost.name, { unit: cost.unit, description: cost.description }),
  };
}

/**
 * The GenAI client metrics of a tracker's calls: `gen_ai.client.token.usage` (by
 * `gen_ai.token.type`), `gen_ai.client.operation.duration` and the `orchestratai.client.cost`
 * counter. The meter provider is asked for on each record (a cheap identity check), so the global
 * provider may be registered after the tracker was built.
 */
export class CallMetrics {
  private provider?: MeterProvider;
  private instruments?: Instruments;

  constructor(private readonly meterProvider: () => MeterProvider) {}

  /** A call that ended with a bill: its tokens and cost, and its duration when it was timed. */
  recordBilled(call: TrackedCall, kind: "chat" | "embeddings" | undefined, labels: Attributes, seconds?: number, errorType?: string): void {
    const { tokens, cost } = this.current();
    tokens.record(call.usage.input, { ...labels, [ATTR.tokenType]: "input" });
    if (kind !== "embeddings") tokens.record(call.usage.output, { ...labels, [ATTR.tokenType]: "output" });
    // An unpriced call adds nothing: it has no dollar figure (the tracker counts it in `unpriced`).
    if (call.priced) cost.add(call.cost, { ...labels, [ATTR.costEstimated]: call.estimated });
    if (seconds !== undefined) this.recordDuration(labels, seconds, errorType);
  }

  /** How long a call took, with its `error.type` when it failed. */
  recordDuration(labels: Attributes, seconds: number, errorType?: string): void {
    this.current().duration.record(seconds, errorType === undefined ? labels : { ...labels, [ATTR.errorType]: errorType });
  }

  private current(): Instruments {
    const provider = this.meterProvider();
    if (provider !== this.provider || this.instruments === undefined) {
      this.provider = provider;
      this.instruments = instrumentsOf(provider.getMeter(INSTRUMENTATION_SCOPE));
    }
    return this.instruments;
  }
}
