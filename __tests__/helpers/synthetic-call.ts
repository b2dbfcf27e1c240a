import type { LLMCallResult } from "../../src/types";

/** A synthetic call of `cost` dollars on `model` (costs in powers of two add up exactly). */
export function syntheticCall(cost: number, model = "gpt-4o", tokens = 10): LLMCallResult {
  return {
    content: "",
    model,
    provider: "openai",
    tokensInput: tokens,
    tokensOutput: 1,
    cost,
    usage: { input: tokens, output: 1, cacheRead: 0, cacheWrite: 0 },
    estimated: false,
    raw: { big: "x".repeat(2000) },
  };
}
