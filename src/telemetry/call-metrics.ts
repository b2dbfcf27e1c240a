import type { Attributes, Counter, Histogram, Meter, MeterProvider } from "@opentelemetry/api";
import type { TrackedCall } from "../tracking/totals";
import { ATTR, INSTRUMENTATION_SCOPE, METRIC } from "./telemetry-names";

/** The instruments of one meter. */
interface Instruments {
  tokens: Histogram;
  duration: Histogram;
  cost: Counter;
}

/** The attribute sets a call's measurements use, built once per distinct set of labels. */
interface LabelSets {
  base: Attributes;
  input: Attributes;
  output: Attributes;
  /** By `orchestratai.cost.estimated`: [reported, estimated]. */
  cost: [Attributes, Attributes];
  /** By `error.type`. */
  failed: Map<string, Attributes>;
}

/** Label sets kept at most: as many series as an SDK keeps per instrument by default. */
const MAX_LABEL_SETS = 2000;

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

function labelSetsOf(labels: Attributes): LabelSets {
  return {
    base: labels,
    input: { ...labels, [ATTR.tokenType]: "input" },
    output: { ...labels, [ATTR.tokenType]: "output" },
    cost: [
      { ...labels, [ATTR.costEstimated]: false },
      { ...labels, [ATTR.costEstimated]: true },
    ],
    failed: new Map(),
  };
}

/**
 * The GenAI client metrics of a tracker's calls: `gen_ai.client.token.usage` (by
 * `gen_ai.token.type`), `gen_ai.client.operation.duration` and the `orchestratai.client.cost`
 * counter. The meter provider is asked for on each record (a cheap identity check), so the global
 * provider may be registered after the tracker was built. The attribute objects of each distinct
 * set of labels are built once and reused: a call records four measurements.
 */
export class CallMetrics {
  private provider?: MeterProvider;
  private instruments?: Instruments;
  private readonly labelSets = new Map<string, LabelSets>();

  constructor(private readonly meterProvider: () => MeterProvider) {}

  /** A call that ended with a bill: its tokens and cost, and its duration when it was timed. */
  recordBilled(call: TrackedCall, kind: "chat" | "embeddings" | undefined, labels: Attributes, seconds?: number, errorType?: string): void {
    const { tokens, cost } = this.current();
    const sets = this.labelSetsFor(labels);
    tokens.record(call.usage.input, sets.input);
    if (kind !== "embeddings") tokens.record(call.usage.output, sets.output);
    // An unpriced call adds nothing: it has no dollar figure (the tracker counts it in `unpriced`).
    if (call.priced) cost.add(call.cost, sets.cost[call.estimated ? 1 : 0]);
    if (seconds !== undefined) this.recordDurationWith(sets, seconds, errorType);
  }

  /** How long a call took, with its `error.type` when it failed. */
  recordDuration(labels: Attributes, seconds: number, errorType?: string): void {
    this.recordDurationWith(this.labelSetsFor(labels), seconds, errorType);
  }

  private recordDurationWith(sets: LabelSets, seconds: number, errorType: string | undefined): void {
    let attributes = sets.base;
    if (errorType !== undefined) {
      attributes = sets.failed.get(errorType) ?? { ...sets.base, [ATTR.errorType]: errorType };
      sets.failed.set(errorType, attributes);
    }
    this.current().duration.record(seconds, attributes);
  }

  private labelSetsFor(labels: Attributes): LabelSets {
    let key = "";
    for (const name in labels) key += `${name}=${String(labels[name])}\u0000`;
    let sets = this.labelSets.get(key);
    if (sets === undefined) {
      sets = labelSetsOf(labels);
      if (this.labelSets.size < MAX_LABEL_SETS) this.labelSets.set(key, sets);
    }
    return sets;
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
