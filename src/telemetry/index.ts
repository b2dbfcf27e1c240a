export { createTelemetryHook } from "./create-telemetry-hook";
export { checkTelemetryOption, type TelemetryOption, type TelemetrySettings } from "./telemetry-options";
