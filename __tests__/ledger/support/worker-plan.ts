/**
 * What each ledger worker process calls, in order, with the usage its stand-ins are scripted to
 * report, and what those calls must cost: from the providers' list prices (USD per 1M tokens),
 * written out here rather than read from the package's price table.
 */

/** The kinds of call a worker makes, in turn. */
export type CallKind = "openai-complete" | "bedrock-complete" | "openai-stream" | "bedrock-stream" | "embed";
const KINDS: readonly CallKind[] = ["openai-complete", "bedrock-complete", "openai-stream", "bedrock-stream", "embed"];

/** One planned call: its kind and the usage the stand-in reports (in the vendor's own terms). */
export interface PlannedCall {
  kind: CallKind;
  inputTokens: number;
  outputTokens: number;
  /** OpenAI `cached_tokens` (part of `inputTokens`). */
  cacheReadTokens: number;
}

/** gpt-4o (answered as gpt-4o-2024-08-06), Claude 3 Haiku on Bedrock, text-embedding-3-small. */
const PRICES = {
  openai: { input: 2.5, cacheRead: 1.25, output: 10 },
  bedrock: { input: 0.25, output: 1.25 },
  embed: { input: 0.02 },
};

/** The calls of worker `worker`, deterministic. */
export function plannedCalls(worker: number, count: number): PlannedCall[] {
  return Array.from({ length: count }, (_, index) => {
    const kind = KINDS[index % KINDS.length]!;
    const inputTokens = 20 + ((worker * 131 + index * 37) % 400);
    const outputTokens = kind === "embed" ? 0 : 3 + ((worker * 17 + index * 11) % 60);
    const cacheReadTokens = kind.startsWith("openai") && index % 3 === 0 ? Math.floor(inputTokens / 4) : 0;
    return { kind, inputTokens, outputTokens, cacheReadTokens };
  });
}

/** What one planned call costs, USD. */
export function plannedCost(call: PlannedCall): number {
  if (call.kind === "embed") return (call.inputTokens * PRICES.embed.input) / 1e6;
  if (call.kind.startsWith("bedrock")) return (call.inputTokens * PRICES.bedrock.input + call.outputTokens * PRICES.bedrock.output) / 1e6;
  const { input, cacheRead, output } = PRICES.openai;
  return ((call.inputTokens - call.cacheReadTokens) * input + call.cacheReadTokens * cacheRead + call.outputTokens * output) / 1e6;
}
