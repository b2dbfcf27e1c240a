import type { UsageMetadata } from "@langchain/core/messages";
import type { TokenUsage } from "../types";

/** What a response said about its billed tokens. */
export type UsageReading =
  | { kind: "reported"; usage: TokenUsage }
  | { kind: "missing" }
  | { kind: "malformed"; problem: string };

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/** The vendors' own usage counts, by the neutral name each stands for. */
const WIRE_COUNTS: readonly { input: string; output: string }[] = [
  { input: "prompt_tokens", output: "completion_tokens" }, // OpenAI
  { input: "inputTokens", output: "outputTokens" }, // Bedrock Converse
];

/**
 * A problem with the usage block exactly as the vendor sent it (kept by LangChain in
 * `response_metadata.usage`, or `.metadata.usage` for a Bedrock stream), which LangChain would
 * otherwise hide: it turns a null or missing count into 0.
 */
function wireUsageProblem(responseMetadata: Record<string, unknown> | undefined): string | undefined {
  const nested = responseMetadata?.metadata as Record<string, unknown> | undefined;
  const usage = (responseMetadata?.usage ?? nested?.usage) as Record<string, unknown> | undefined;
  if (typeof usage !== "object" || usage === null) return undefined;
  for (const names of WIRE_COUNTS) {
    if (!(names.input in usage) && !(names.output in usage)) continue;
    if (!isCount(usage[names.input])) return wireCountProblem("input", usage[names.input]);
    if (!isCount(usage[names.output])) return wireCountProblem("output", usage[names.output]);
    return undefined;
  }
  return undefined;
}

function wireCountProblem(neutral: "input" | "output", value: unknown): string {
  return `usage ${neutral} is ${JSON.stringify(value) ?? "missing"}, not a non-negative whole number`;
}

/**
 * Reads LangChain's provider-neutral `usage_metadata` into a {@link TokenUsage}.
 *
 * LangChain's `input_tokens` already includes prompt-cache reads and writes for both OpenAI and
 * Bedrock (`@langchain/aws` adds Bedrock's separately reported cache counts in); the cached parts
 * are kept apart in `input_token_details`, so they are copied, never added again.
 */
export function readUsage(metadata: UsageMetadata | undefined, responseMetadata?: Record<string, unknown>): UsageReading {
  const wireProblem = wireUsageProblem(responseMetadata);
  if (wireProblem !== undefined) return { kind: "malformed", problem: wireProblem };
  if (metadata === undefined) return { kind: "missing" };
  // ChatOpenAI leaves a zero count out (`if (promptTokens) …`): absent means 0.
  const input = metadata.input_tokens ?? 0;
  const output = metadata.output_tokens ?? 0;
  const cacheRead = metadata.input_token_details?.cache_read ?? 0;
  const cacheWrite = metadata.input_token_details?.cache_creation ?? 0;
  const counts = { input, output, cacheRead, cacheWrite };
  if (!isCount(input) || !isCount(output) || !isCount(cacheRead) || !isCount(cacheWrite)) {
    const [name, value] = Object.entries(counts).find(([, count]) => !isCount(count))!;
    return { kind: "malformed", problem: `usage ${name} is ${JSON.stringify(value) ?? String(value)}, not a non-negative whole number` };
  }
  if (cacheRead + cacheWrite > input) {
    return { kind: "malformed", problem: `usage cache tokens (${cacheRead + cacheWrite}) exceed input tokens (${input})` };
  }
  return { kind: "reported", usage: counts };
}
