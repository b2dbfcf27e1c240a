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
