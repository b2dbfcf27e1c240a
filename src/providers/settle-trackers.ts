import type { Callbacks } from "@langchain/core/callbacks/manager";
import { CostTracker } from "../tracking/cost-tracker";

/**
 * The cost trackers a call reports to: the provider's own and any among the call's callbacks, a
 * list or a callback manager (a LangGraph node's config hands its handlers down as one).
 */
export function trackersOf(own: CostTracker | undefined, callbacks: Callbacks | undefined): CostTracker[] {
  const handlers = Array.isArray(callbacks) ? callbacks : (callbacks?.handlers ?? []);
  const listed = handlers.filter((handler): handler is CostTracker => handler instanceof CostTracker);
  return own === undefined || listed.includes(own) ? listed : [own, ...listed];
}

/**
 * Closes a streamed run in its trackers now, as an estimated call of `received` (the text the
 * consumer was given), so it is recorded before `stream()` returns or throws: LangChain reports
 * neither end nor error for a stream its consumer stopped reading, and hands each chunk to the
 * handlers only when the next is asked for. A tracker ignores a run it has already closed.
 */
export function settleStreamRun(trackers: readonly CostTracker[], runId: string, received: string): void {
  for (const tracker of trackers) tracker.closeStreamRun(runId, received);
}
