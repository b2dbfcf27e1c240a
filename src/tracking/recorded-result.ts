import { InputError } from "../errors";

function isAmount(value: unknown): boolean {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/**
 * Refuses, before it reaches the books, a result that would corrupt them: not an object, or a
 * cost or token count that is not a finite number, 0 or more (one NaN would disable a budget for
 * good; a string would turn the totals into text).
 */
export function checkRecordedResult(result: unknown): void {
  if (typeof result !== "object" || result === null) {
    throw new InputError(`tracker.record() needs an LLMCallResult ({ model, provider, cost, tokensInput, tokensOutput, usage, … }); got ${result === null ? "null" : typeof result}.`);
  }
  const fields = result as Record<string, unknown>;
  for (const name of ["cost", "tokensInput", "tokensOutput"]) {
    if (!isAmount(fields[name])) throw new InputError(`tracker.record(): ${name} must be a finite number, 0 or more; got ${JSON.stringify(fields[name]) ?? String(fields[name])}.`);
  }
  const usage = fields.usage as Record<string, unknown> | undefined;
  if (typeof usage !== "object" || usage === null) throw new InputError("tracker.record(): usage must be a TokenUsage object ({ input, output, cacheRead, cacheWrite }).");
  for (const name of ["input", "output", "cacheRead", "cacheWrite", "reasoning", "cacheWrite1h"]) {
    if ((name === "reasoning" || name === "cacheWrite1h") && usage[name] === undefined) continue;
    if (!isAmount(usage[name])) throw new InputError(`tracker.record(): usage.${name} must be a finite number, 0 or more; got ${JSON.stringify(usage[name]) ?? String(usage[name])}.`);
  }
  if (typeof fields.model !== "string" || fields.model === "") throw new InputError("tracker.record(): model must be the model id the call was priced for.");
}
