import type { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { CallbackManager, type CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import type { RunnableConfig } from "@langchain/core/runnables";
import { FELL_BACK_FROM } from "../../tracking/fallback-labels";
import type { AttemptContext } from "./fallback-chain";

/**
 * The options of one attempt of a fallback chain: the caller's, the attempt's delivery watch
 * added to its callbacks, and for an attempt after the first, the models it falls back from in its
 * metadata (`fell_back_from`, which the trackers record) and no `runId` (the caller's run id is
 * the first attempt's: each attempt is a run of its own).
 */
export function attemptOptions<Options extends Partial<RunnableConfig>>(options: Options | undefined, { fellBackFrom, watch }: AttemptContext): Options {
  const watched = { ...options, callbacks: watch.addTo(options?.callbacks) } as Options;
  if (fellBackFrom === undefined) return watched;
  const { runId: _runId, ...rest } = watched;
  return { ...rest, metadata: { ...rest.metadata, [FELL_BACK_FROM]: fellBackFrom } } as unknown as Options;
}

/** What a run manager holds for its children (protected in LangChain's types). */
interface InheritedByChildren {
  inheritableHandlers: BaseCallbackHandler[];
  inheritableTags: string[];
  inheritableMetadata: Record<string, unknown>;
}

/**
 * The callbacks of a run's child runs: what a chain run's `getChild()` gives (its inheritable
 * handlers, tags and metadata, the run as parent), which LangChain's LLM run managers do not offer.
 */
export function childCallbacks(runManager: CallbackManagerForLLMRun | undefined): CallbackManager | undefined {
  if (runManager === undefined) return undefined;
  const inherited = runManager as unknown as InheritedByChildren;
  const manager = new CallbackManager(runManager.runId);
  manager.setHandlers(inherited.inheritableHandlers);
  manager.addTags(inherited.inheritableTags);
  manager.addMetadata(inherited.inheritableMetadata);
  return manager;
}
