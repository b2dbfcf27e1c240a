import type { UsageMetadata } from "@langchain/core/messages";
import type { WireUsageNames } from "../providers/vendor";
import type { TokenUsage } from "../types";

/** What a response said about its billed tokens. */
export type UsageReading =
  | { kind: "reported"; usage: TokenUsage }
  | { kind: "missing" }
  | { kind: "malformed"; problem: string };

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/** The usage block exactly as the vendor sent it, when LangChain kept it, or `NOT_KEPT`. */
const NOT_KEPT = Symbol("not kept");

/**
 * Where LangChain keeps the vendor's own usage block: `response_metadata.usage` (OpenAI, Bedrock
 * Converse), or the `metadata` event of a Bedrock stream (`response_metadata.metadata.usage`).
 */
function wireUsage(responseMetadata: Record<string, unknown> | undefined): unknown {
  if (responseMetadata === undefined) return NOT_KEPT;
  if ("usage" in responseMetadata) return responseMetadata.usage;
  const event = responseMetadata.metadata;
  return typeof event === "object" && event !== null ? (event as Record<string, unknown>).usage : NOT_KEPT;
}

/**
 * What the vendor's own usage block says, which LangChain would otherwise hide (it turns a null
 * or missing count into 0, and a missing block into zeros): "missing" when it carries none of the
 * vendor's counts (absent, `{}`, `null`), a problem when a count is not a whole number, else
 * undefined. Undefined too for a vendor whose count names are not known (one outside the registry).
 */
function wireUsageReading(usage: unknown, names: WireUsageNames | undefined): { kind: "missing" } | { kind: "malformed"; problem: string } | undefined {
  if (usage === NOT_KEPT || names === undefined) return undefined;
  if (typeof usage !== "object" || usage === null) return { kind: "missing" };
  const counts = usage as Record<string, unknown>;
  if (!(names.input in counts) && !(names.output in counts)) return { kind: "missing" };
  if (!isCount(counts[names.input])) return { kind: "malformed", problem: wireCountProblem("input", counts[names.input]) };
  if (!isCount(counts[names.output])) return { kind: "malformed", problem: wireCountProblem("output", counts[names.output]) };
  return undefined;
}

function wireCountProblem(neutral: "input" | "output", value: unknown): string {
  return `usage ${neutral} is ${JSON.stringify(value) ?? "missing"}, not a non-negative whole number`;
}

/**
 * Tokens written with a 1-hour TTL, from the vendor's block: Bedrock's `cacheDetails: [{ ttl: "1h" |
 * "5m", inputTokens }]`; the first count that is not a whole number is returned as it is, to be reported.
 */
function oneHourWrites(usage: unknown): unknown {
  const details = typeof usage === "object" && usage !== null ? (usage as Record<string, unknown>).cacheDetails : undefined;
  if (!Array.isArray(details)) return 0;
  let tokens = 0;
  for (const detail of details as unknown[]) {
    const { ttl, inputTokens } = (typeof detail === "object" && detail !== null ? detail : {}) as Record<string, unknown>;
    if (ttl !== "1h") continue;
    if (!isCount(inputTokens)) return inputTokens;
    tokens += inputTokens;
  }
  return tokens;
}

function malformed(name: string, value: unknown): { kind: "malformed"; problem: string } {
  return { kind: "malformed", problem: `usage ${name} is ${JSON.stringify(value) ?? String(value)}, not a non-negative whole number` };
}

/**
 * Reads LangChain's provider-neutral `usage_metadata` into a {@link TokenUsage}.
 *
 * LangChain's `input_tokens` already includes prompt-cache reads and writes for both OpenAI and
 * Bedrock (`@langchain/aws` adds Bedrock's separately reported cache counts in); the cached parts
 * are kept apart in `input_token_details`, so they are copied, never added again. Reasoning tokens
 * (`output_token_details.reasoning`) are part of the output. Bedrock's split of cache writes by
 * TTL (`usage.cacheDetails`), which LangChain does not carry into `usage_metadata`, is read from
 * the response itself (`response_metadata.usage`, or `response_metadata.metadata.usage` on a stream).
 * `wire` names the vendor's own counts in that block (its descriptor's `usage`).
 */
export function readUsage(metadata: UsageMetadata | undefined, responseMetadata?: Record<string, unknown>, wire?: WireUsageNames): UsageReading {
  const block = wireUsage(responseMetadata);
  const wireReading = wireUsageReading(block, wire);
  if (wireReading !== undefined) return wireReading;
  if (metadata === undefined || (metadata.input_tokens === undefined && metadata.output_tokens === undefined)) return { kind: "missing" };
  // ChatOpenAI leaves a zero count out (`if (promptTokens) …`): absent means 0.
  const input = metadata.input_tokens ?? 0;
  const output = metadata.output_tokens ?? 0;
  const cacheRead = metadata.input_token_details?.cache_read ?? 0;
  const cacheWrite = metadata.input_token_details?.cache_creation ?? 0;
  const reasoning = metadata.output_token_details?.reasoning ?? 0;
  const cacheWrite1h = oneHourWrites(block);
  if (!isCount(input)) return malformed("input", input);
  if (!isCount(output)) return malformed("output", output);
  if (!isCount(cacheRead)) return malformed("cacheRead", cacheRead);
  if (!isCount(cacheWrite)) return malformed("cacheWrite", cacheWrite);
  if (!isCount(reasoning)) return malformed("reasoning", reasoning);
  if (!isCount(cacheWrite1h)) return malformed("cacheWrite1h", cacheWrite1h);
  if (cacheRead + cacheWrite > input) {
    return { kind: "malformed", problem: `usage cache tokens (${cacheRead + cacheWrite}) exceed input tokens (${input})` };
  }
  if (cacheWrite1h > cacheWrite) return { kind: "malformed", problem: `usage 1-hour cache writes (${cacheWrite1h}) exceed cache writes (${cacheWrite})` };
  if (reasoning > output) return { kind: "malformed", problem: `usage reasoning tokens (${reasoning}) exceed output tokens (${output})` };
  const usage: TokenUsage = { input, output, cacheRead, cacheWrite };
  // Parts are kept only when there are some: most calls have none.
  if (reasoning > 0) usage.reasoning = reasoning;
  if (cacheWrite1h > 0) usage.cacheWrite1h = cacheWrite1h;
  return { kind: "reported", usage };
}
