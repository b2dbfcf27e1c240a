import type { MeterProvider, TracerProvider } from "@opentelemetry/api";
import { InputError } from "../errors";

/** Where a tracker's spans and metrics go, when not to the global providers. */
export interface TelemetrySettings {
  /** Spans go to this provider (default: the global one, `trace.getTracerProvider()`). */
  tracerProvider?: TracerProvider;
  /** Metrics go to this provider (default: the global one, `metrics.getMeterProvider()`). */
  meterProvider?: MeterProvider;
  /**
   * Record the messages sent and the answer received on each chat span (`gen_ai.input.messages`,
   * `gen_ai.output.messages`). Default false: they may hold personal data.
   */
  captureContent?: boolean;
}

/**
 * The `telemetry` option of a `CostTracker`: `true` for the global OpenTelemetry providers, or
 * {@link TelemetrySettings}; off when absent or `false`. Needs the optional peer dependency
 * `@opentelemetry/api` (no SDK is bundled: the application sets one up).
 */
export type TelemetryOption = boolean | TelemetrySettings;

function hasMethod(value: unknown, method: string): boolean {
  return typeof value === "object" && value !== null && typeof (value as Record<string, unknown>)[method] === "function";
}

/** Refuses a malformed `telemetry` option at construction, with what to pass instead. */
export function checkTelemetryOption(option: unknown): void {
  if (option === undefined || typeof option === "boolean") return;
  if (typeof option !== "object" || option === null) {
    throw new InputError(`telemetry must be true, false or { tracerProvider?, meterProvider?, captureContent? }; got ${JSON.stringify(option)}.`);
  }
  const { tracerProvider, meterProvider, captureContent } = option as TelemetrySettings;
  if (tracerProvider !== undefined && !hasMethod(tracerProvider, "getTracer")) {
    throw new InputError("telemetry.tracerProvider must be an OpenTelemetry TracerProvider (an object with getTracer()), e.g. an SDK's BasicTracerProvider.");
  }
  if (meterProvider !== undefined && !hasMethod(meterProvider, "getMeter")) {
    throw new InputError("telemetry.meterProvider must be an OpenTelemetry MeterProvider (an object with getMeter()), e.g. @opentelemetry/sdk-metrics' MeterProvider.");
  }
  if (captureContent !== undefined && typeof captureContent !== "boolean") {
    throw new InputError(`telemetry.captureContent must be true or false; got ${JSON.stringify(captureContent)}.`);
  }
}
