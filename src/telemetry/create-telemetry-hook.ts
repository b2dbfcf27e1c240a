import type { CallHook } from "../tracking/call-hooks";
import { CallMetrics } from "./call-metrics";
import { loadOpenTelemetry } from "./open-telemetry-api";
import { INSTRUMENTATION_SCOPE } from "./telemetry-names";
import { TelemetryHook } from "./telemetry-hook";
import type { TelemetryOption } from "./telemetry-options";

/**
 * The hook that emits a tracker's spans and metrics, or undefined when telemetry is off (`false` or
 * absent: then `@opentelemetry/api` is not even loaded). `true` uses the global providers; a
 * setting left out falls back to its global provider. The global tracer is a proxy and the meter
 * provider is looked up on each record, so providers registered after the tracker still apply.
 * @throws ConfigurationError when `@opentelemetry/api` is not installed.
 */
export function createTelemetryHook(option: TelemetryOption | undefined): CallHook | undefined {
  if (option === undefined || option === false) return undefined;
  const settings = option === true ? {} : option;
  const otel = loadOpenTelemetry();
  const tracer = settings.tracerProvider?.getTracer(INSTRUMENTATION_SCOPE) ?? otel.trace.getTracer(INSTRUMENTATION_SCOPE);
  const { meterProvider } = settings;
  const metrics = new CallMetrics(meterProvider === undefined ? () => otel.metrics.getMeterProvider() : () => meterProvider);
  return new TelemetryHook({ otel, tracer, metrics, captureContent: settings.captureContent ?? false });
}
