import type * as OpenTelemetryApi from "@opentelemetry/api";
import { ConfigurationError } from "../errors";

/** The parts of `@opentelemetry/api` the telemetry hook uses. */
export type OpenTelemetry = Pick<typeof OpenTelemetryApi, "context" | "trace" | "metrics" | "SpanKind" | "SpanStatusCode">;

/**
 * Loads `@opentelemetry/api`, the optional peer dependency, when a tracker turns telemetry on:
 * never at import, so that with telemetry off no OpenTelemetry module is loaded at all. The API
 * keeps its globals (providers, context manager) on `globalThis`, so this copy and the
 * application's own share them.
 * @throws ConfigurationError saying what to install when the package is missing.
 */
export function loadOpenTelemetry(): OpenTelemetry {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("@opentelemetry/api") as OpenTelemetry;
  } catch (error) {
    throw new ConfigurationError(
      "CostTracker telemetry needs the optional peer dependency @opentelemetry/api: run `npm install @opentelemetry/api` " +
        "(and set up an OpenTelemetry SDK), or leave the telemetry option off.",
      { cause: error },
    );
  }
}
