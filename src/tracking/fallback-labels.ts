/**
 * How a role's fallback chain tells the trackers about its calls, through run metadata.
 *
 * - {@link FALLBACK_RUN} marks the chain's own run (a LangChain run of the fallback chat model,
 *   around its attempts, when it is called through `generate()`): a tracker never reserves or
 *   prices it, since each attempt is a run of its own that the tracker prices.
 * - {@link FELL_BACK_FROM} names, on an attempt after the first, the models of the chain that failed
 *   (or were cooling down) before it: the tracker records it as `TrackedCall.fellBackFrom`.
 */

/** Metadata key marking a run that wraps other runs (a fallback chain's): a symbol, so never serialized into traces. */
export const FALLBACK_RUN: unique symbol = Symbol.for("@orchestratai/llm:fallback-run");

/** Metadata key of the models a fallback attempt came after, as `<vendor>:<model>` ids. */
export const FELL_BACK_FROM = "fell_back_from";

/** Whether a run's metadata marks it as a fallback chain's own run. */
export function isFallbackRun(metadata: Record<string, unknown> | undefined): boolean {
  return metadata?.[FALLBACK_RUN as unknown as string] === true;
}

/** The models an attempt fell back from, from its run's metadata. */
export function fellBackFromOf(metadata: Record<string, unknown> | undefined): readonly string[] | undefined {
  const models = metadata?.[FELL_BACK_FROM];
  return Array.isArray(models) && models.length > 0 && models.every((model) => typeof model === "string") ? (models as string[]) : undefined;
}
