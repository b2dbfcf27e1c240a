import type { BaseMessage } from "@langchain/core/messages";
import type { TokenLogprob } from "../../types";

interface WireLogprob {
  token: string;
  logprob: number;
  top_logprobs?: { token: string; logprob: number }[];
}

function isWireLogprob(value: unknown): value is WireLogprob {
  const entry = value as Partial<WireLogprob> | null;
  return typeof entry === "object" && entry !== null && typeof entry.token === "string" && typeof entry.logprob === "number";
}

/** OpenAI's `choices[0].logprobs.content` (kept by ChatOpenAI in `response_metadata.logprobs`) as {@link TokenLogprob}s. */
export function openAILogprobs(message: BaseMessage): TokenLogprob[] | undefined {
  const metadata = message.response_metadata as Record<string, unknown> | undefined;
  const logprobs = metadata?.logprobs as { content?: unknown } | null | undefined;
  const content = logprobs?.content;
  if (!Array.isArray(content)) return undefined;
  return content.filter(isWireLogprob).map((entry) => {
    const mapped: TokenLogprob = { token: entry.token, logprob: entry.logprob };
    if (entry.top_logprobs !== undefined && entry.top_logprobs.length > 0) {
      mapped.topLogprobs = entry.top_logprobs.map(({ token, logprob }) => ({ token, logprob }));
    }
    return mapped;
  });
}
