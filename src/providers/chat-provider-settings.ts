import type { PriceList, PricingTable } from "../pricing";
import type { CostTracker } from "../tracking/cost-tracker";
import type { ModelSettings } from "./call-settings";

/** Settings every chat provider takes. */
export interface ChatProviderSettings {
  /** The model id to call. */
  model: string;
  temperature?: number;
  /** Default time limit of a call, in milliseconds (a call's own `timeoutMs` wins); default 10 minutes. */
  timeoutMs?: number;
  /** Retries of a retryable failure (429, 5xx, connection reset), default 2. */
  maxRetries?: number;
  /**
   * Prices merged over the tracker's (or the built-in) table, USD per 1M tokens: they price this
   * provider's calls, in its results and in every tracker that records them.
   */
  pricing?: PricingTable;
  /** A tracker attached to the chat model: every call through it is recorded. */
  tracker?: CostTracker;
  /** Metadata on every run of the chat model (the factory sets `role`). */
  metadata?: Record<string, unknown>;
  /** Tags on every run of the chat model. */
  tags?: string[];
  /** The service tier every call asks for (a call's own `serviceTier` wins); the vendor's default when absent. */
  serviceTier?: string;
}

/** The fields every wrapped chat model is built with. */
export interface BaseModelFields extends ModelSettings {
  maxRetries: number;
  /** The time limit of a call that sets none, in milliseconds. */
  timeoutMs: number;
  callbacks?: CostTracker[];
  /** The run metadata: the settings' own, the provider's prices for the trackers (`RUN_PRICING`) and its counting model (`RUN_COUNTING_MODEL`). */
  metadata: Record<string, unknown>;
  tags?: string[];
}

/** How a subclass's vendor differs from the defaults: how its prices are made, the model its text is counted as. */
export interface ChatProviderShape {
  /** How the provider's prices are made from its tracker's (or the built-in) list and its `pricing` rows; default: the rows over the list. */
  prices?: (base: PriceList) => PriceList;
  /** The model id local counts are made for, when not `model` (an Azure deployment counts as the model it serves). */
  countingModel?: string;
}
