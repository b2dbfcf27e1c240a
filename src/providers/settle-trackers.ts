import type { Callbacks } from "@langchain/core/callbacks/manager";
import { CostTracker } from "../tracking/cost-tracker";

/** The cost trackers a call reports to: the provider's own and any among the call's callbacks. */
export function trackersOf(own: CostTracker | undefined, callbacks: Callbacks | undefined): CostTracker[] {
  const listed = Array.isArray(callbacks) ? callbacks.filter((handler): handler is CostTracker => handler instanceof CostTracker) : [];
  return own === undefined || listed.includes(own) ? listed : [own, ...listed];
}

/**
 * Closes a streamed run in its trackers now, as failed with `reason`, so what it streamed is
 * recorded (estimated) before `stream()` returns or throws. LangChain reports neither end nor error
 * for a stream its consumer stopped reading, and reports an abort only after the stream has thrown;
 * a tracker ignores a run it has already closed, so LangChain's own later report changes nothing.
 */
export async function settleStreamRun(trackers: readonly CostTracker[], runId: string, reason: unknown): Promise<void> {
  for (const tracker of trackers) await tracker.handleLLMError(reason, runId);
}
