import { checkPositiveWholeNumber, InputError } from "../errors";
import type { CallOptions } from "../types";

/** Model parameters that LangChain fixes per chat model instance rather than per call. */
export interface ModelSettings {
  temperature?: number;
  maxTokens?: number;
  logprobs?: boolean | { top: number };
  /** The service tier to ask for (OpenAI `service_tier`, Bedrock `serviceTier.type`). */
  serviceTier?: string;
}

/** Validates the numeric options of a call before any request is sent. */
export function validateCallOptions(options: CallOptions): void {
  const { temperature, maxTokens, timeoutMs, logprobs, serviceTier } = options;
  if (temperature !== undefined && !(Number.isFinite(temperature) && temperature >= 0 && temperature <= 2)) {
    throw new InputError(`temperature must be a number from 0 to 2, got ${temperature}.`);
  }
  checkPositiveWholeNumber("maxTokens", maxTokens);
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new InputError(`timeoutMs must be a positive number of milliseconds, got ${timeoutMs}.`);
  }
  if (typeof logprobs === "object" && logprobs !== null && !(Number.isInteger(logprobs.top) && logprobs.top >= 0 && logprobs.top <= 20)) {
    throw new InputError(`logprobs.top must be a whole number from 0 to 20.`);
  }
  if (serviceTier !== undefined && (typeof serviceTier !== "string" || serviceTier === "")) {
    throw new InputError(`serviceTier must be a tier name such as "flex" or "priority", got ${JSON.stringify(serviceTier)}.`);
  }
}

/** The per-call model settings of a call, or undefined when it uses the provider's own. */
export function settingsOf(options: CallOptions): ModelSettings | undefined {
  const { temperature, maxTokens, logprobs, serviceTier } = options;
  if (temperature === undefined && maxTokens === undefined && (logprobs === undefined || logprobs === false) && serviceTier === undefined) return undefined;
  return { temperature, maxTokens, logprobs, serviceTier };
}

/** A stable key for a settings variant, to reuse one chat model per distinct combination. */
export function settingsKey(settings: ModelSettings): string {
  const top = typeof settings.logprobs === "object" ? settings.logprobs.top : settings.logprobs ? 0 : -1;
  return `${settings.temperature ?? ""}|${settings.maxTokens ?? ""}|${top}|${settings.serviceTier ?? ""}`;
}
