import { fnv1a } from "./stable-hash";

/** One entry of OpenAI's `logprobs.content`. */
export interface OpenAITokenLogprob {
  token: string;
  logprob: number;
  bytes: number[];
  top_logprobs: { token: string; logprob: number; bytes: number[] }[];
}

/** Alternatives offered in `top_logprobs` after the chosen token. */
const ALTERNATIVES = [" the", " a", " and", " of", " to", " in", " is", " it", " that", " for",
  " on", " with", " as", " at", " by", " this", " or", " an", " be", " from"];

function bytesOf(token: string): number[] {
  return [...Buffer.from(token, "utf8")];
}

/**
 * The log probability the stand-in gives a reply token: -(hash(token, position) mod 2000) / 1000,
 * so in (-2, 0], the same for the same token at the same position of a reply.
 */
export function standInLogprob(token: string, position: number): number {
  return -(fnv1a(`${position}:${token}`) % 2000) / 1000;
}

/**
 * `logprobs.content` entries for consecutive reply tokens starting at `position`. `top` (0–20)
 * alternatives: the chosen token first, then common words, each 1 lower in log probability.
 */
export function tokenLogprobs(tokens: readonly string[], position: number, top: number): OpenAITokenLogprob[] {
  return tokens.map((token, index) => {
    const logprob = standInLogprob(token, position + index);
    const others = ALTERNATIVES.filter((alternative) => alternative !== token);
    const ranked = [token, ...others].slice(0, top);
    return {
      token,
      logprob,
      bytes: bytesOf(token),
      top_logprobs: ranked.map((candidate, rank) => ({ token: candidate, logprob: logprob - rank, bytes: bytesOf(candidate) })),
    };
  });
}
