import type { Attributes, Span, Tracer } from "@opentelemetry/api";
import type { CallHook } from "../tracking/call-hooks";
import type { CallRun } from "../tracking/call-run";
import type { TrackedCall } from "../tracking/totals";
import type { CallMetrics } from "./call-metrics";
import { describeFailure, type FailureDescription } from "./failure-description";
import { finalMessageOf, finishReasonsOf } from "./final-message";
import { inputMessagesJson, outputMessagesJson } from "./message-content";
import type { OpenTelemetry } from "./open-telemetry-api";
import { callLabels, recordedCallLabels, requestAttributes, responseAttributes, spanName } from "./span-attributes";
import { ATTR } from "./telemetry-names";

/** A call whose span is open. */
interface OpenCall {
  span: Span;
  /** `performance.now()` when it started. */
  startedAt: number;
  /** Its metric labels. */
  labels: Attributes;
}

/** What a {@link TelemetryHook} works with. */
export interface TelemetryParts {
  otel: OpenTelemetry;
  tracer: Tracer;
  metrics: CallMetrics;
  captureContent: boolean;
}

/**
 * A tracker's telemetry, as one of its hooks: a CLIENT span for every call it sees, opened when the
 * call starts (in the caller's async context, so it is a child of the span active there) and ended
 * from the call's one priced record, or with the error when the call failed; and the GenAI client
 * metrics. Telemetry never changes a call: an error in it is reported once and swallowed.
 */
export class TelemetryHook implements CallHook {
  private readonly open = new Map<CallRun, OpenCall>();
  private warned = false;

  constructor(private readonly parts: TelemetryParts) {}

  /** @inheritdoc */
  start(run: CallRun): void {
    this.guard(() => {
      const { otel, tracer, captureContent } = this.parts;
      const labels = callLabels(run);
      const attributes = requestAttributes(run, labels);
      if (captureContent && run.kind === "chat") attributes[ATTR.inputMessages] = inputMessagesJson(run.prompt);
      const span = tracer.startSpan(spanName(run), { kind: otel.SpanKind.CLIENT, attributes }, otel.context.active());
      this.open.set(run, { span, startedAt: performance.now(), labels });
    });
  }

  /** @inheritdoc */
  settle(call: TrackedCall, run?: CallRun): void {
    this.guard(() => {
      if (run === undefined) {
        // `tracker.record()`: no run to time or trace, but its dollars belong in the cost counter.
        this.parts.metrics.recordBilled(call, undefined, recordedCallLabels(call));
        return;
      }
      const open = this.take(run);
      if (open === undefined) return;
      const final = finalMessageOf(run);
      open.span.setAttributes(responseAttributes(call, run.kind, final));
      if (this.parts.captureContent && run.kind === "chat") {
        open.span.setAttribute(ATTR.outputMessages, outputMessagesJson(final, call.content, final === undefined ? undefined : finishReasonsOf(final)?.[0]));
      }
      const failure = this.end(open, run);
      this.parts.metrics.recordBilled(call, run.kind, open.labels, secondsSince(open), failure?.type);
    });
  }

  /** @inheritdoc */
  release(run: CallRun): void {
    this.guard(() => {
      const open = this.take(run);
      if (open === undefined) return;
      const failure = this.end(open, run);
      this.parts.metrics.recordDuration(open.labels, secondsSince(open), failure?.type);
    });
  }

  private take(run: CallRun): OpenCall | undefined {
    const open = this.open.get(run);
    this.open.delete(run);
    return open;
  }

  /** Ends the span, with the run's failure (status, `error.type`, the exception) when it failed. */
  private end(open: OpenCall, run: CallRun): FailureDescription | undefined {
    const failure = run.failure === undefined ? undefined : describeFailure(run.failure);
    if (failure !== undefined) {
      open.span.setAttribute(ATTR.errorType, failure.type);
      if (failure.error !== undefined) open.span.recordException(failure.error);
      open.span.setStatus({ code: this.parts.otel.SpanStatusCode.ERROR, message: failure.message });
    }
    open.span.end();
    return failure;
  }

  private guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      if (this.warned) return;
      this.warned = true;
      console.warn(`CostTracker telemetry failed (${error instanceof Error ? error.message : String(error)}); calls are unaffected. Further telemetry errors are not reported.`);
    }
  }
}

function secondsSince(open: OpenCall): number {
  return (performance.now() - open.startedAt) / 1000;
}
