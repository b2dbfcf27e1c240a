import { randomUUID } from "node:crypto";
import { mergeUsageMetadata, type BaseMessage, type UsageMetadata } from "@langchain/core/messages";
import type { PriceList } from "../pricing";
import type { ProviderName } from "../types";
import { estimatedFacts, type CallContext } from "./call-facts";
import type { CallLabels, CallRunInit, RunFailure, RunFailureOf, RunParticipant } from "./call-run-types";
import { priceCall, type CallFacts, type PricedCall } from "./priced-call";

export type { CallLabels, CallRunInit, RunFailure, RunFailureOf, RunParticipant } from "./call-run-types";

/**
 * Runs in flight, by run id, so the trackers a run reaches find the provider's run and each
 * other's. Kept on `globalThis` under a registered symbol, so that the package's CommonJS and ESM
 * builds, loaded side by side, share one registry.
 */
const ACTIVE_RUNS: Map<string, CallRun> = ((globalThis as Record<symbol, unknown>)[Symbol.for("@orchestratai/llm:active-runs")] ??= new Map()) as Map<string, CallRun>;

/**
 * One model call as every party to it sees it: the provider that sent it, if any, and each
 * tracker its run reached. The call is priced ONCE, when it ends, and that one record is handed to
 * every participant; the provider's result is the same record.
 */
export class CallRun implements CallContext {
  readonly id: string;
  readonly kind: "chat" | "embeddings";
  readonly provider: ProviderName;
  readonly requestedModel: string;
  readonly prompt: readonly BaseMessage[];
  readonly prices: PriceList;
  readonly maxOutputTokens?: number;
  readonly timeoutMs?: number;
  /** The service tier the call asked for: its reservation is at that tier's rates. */
  readonly serviceTier?: string;
  /** The model its text is counted as, when not the requested one (an Azure deployment's model). */
  readonly countingModel?: string;
  readonly countInput?: () => number;
  readonly endedBy: "provider" | "callbacks";
  /** When the run started (ms since the epoch). */
  readonly startedAt = Date.now();
  /** Whether the provider accepted the request: a response of the API began (a stream chunk, a body). */
  accepted = false;
  /** The text streamed so far, as the callbacks saw it (runs ended by callbacks). */
  text = "";
  /** Usage reported on stream chunks, kept apart: a merge of chunks of mixed classes can drop it. */
  streamedUsage?: UsageMetadata;
  private labels_: CallLabels;
  private failure_?: RunFailure;
  private described: boolean;
  private readonly participants: RunParticipant[] = [];
  private lastChunk?: unknown;
  /** The run's outcome: undefined while it runs, its bill, or null when it ended without one. */
  private outcome?: PricedCall | null;
  private ending?: Promise<void>;

  constructor(init: CallRunInit) {
    this.id = init.id ?? randomUUID();
    this.kind = init.kind ?? "chat";
    this.provider = init.provider;
    this.requestedModel = init.requestedModel;
    this.prompt = init.prompt;
    this.prices = init.prices;
    this.labels_ = init.labels ?? {};
    this.described = init.labels !== undefined;
    this.maxOutputTokens = init.maxOutputTokens;
    this.timeoutMs = init.timeoutMs;
    this.serviceTier = init.serviceTier;
    this.countingModel = init.countingModel;
    this.countInput = init.countInput;
    this.endedBy = init.endedBy;
  }

  /** Makes the run findable by its id until it ends. */
  static open(init: CallRunInit): CallRun {
    const run = new CallRun(init);
    ACTIVE_RUNS.set(run.id, run);
    return run;
  }

  /** The run in flight with this id, if any. */
  static find(id: string): CallRun | undefined {
    return ACTIVE_RUNS.get(id);
  }

  /** Who and what the call is attributed to. */
  get labels(): CallLabels {
    return this.labels_;
  }

  /**
   * Attributes a run opened without labels (a provider's run: its role, node and thread are in the
   * metadata its handlers are given, the same for every handler); the first description stays.
   */
  describe(labels: CallLabels): void {
    if (this.described) return;
    this.labels_ = labels;
    this.described = true;
  }

  /** Why the run ended without its whole answer, when it did: fixed before any participant is told of the end. */
  get failure(): RunFailure | undefined {
    return this.failure_;
  }

  /** The run's one priced record, once it ended with a bill (its `result.raw` is the final message, when there was one). */
  get bill(): PricedCall | undefined {
    return this.outcome ?? undefined;
  }

  /** Whether the run has ended (settled or released). */
  get ended(): boolean {
    return this.outcome !== undefined;
  }

  /** Adds a party to be told how the run ends; false when it is already there or the run ended. */
  join(participant: RunParticipant): boolean {
    if (this.ended || this.participants.includes(participant)) return false;
    this.participants.push(participant);
    return true;
  }

  /**
   * Takes a streamed token in, once: the same chunk reaches every handler of the run (and a handler
   * attached twice twice), so a chunk already seen is skipped; a token without a chunk is kept
   * only when it comes from the first participant.
   */
  addToken(from: RunParticipant, token: string, chunk: unknown): void {
    this.accepted = true;
    if (chunk === undefined ? from !== this.participants[0] : chunk === this.lastChunk) return;
    this.lastChunk = chunk;
    this.text += token;
    const usage = (chunk as { message?: { usage_metadata?: UsageMetadata } } | undefined)?.message?.usage_metadata;
    if (usage !== undefined) this.streamedUsage = this.streamedUsage === undefined ? usage : mergeUsageMetadata(this.streamedUsage, usage);
  }

  /**
   * Ends the run with these facts, priced once (`failure`: the call still failed, e.g. a usage
   * block that could not be read). A run already settled keeps its first record.
   * @throws Error when the run already ended without a bill (a caller's bug).
   */
  settle(facts: CallFacts, failure?: RunFailureOf): Promise<PricedCall> {
    this.conclude(facts, failure);
    return this.settled();
  }

  /** Ends the run with a local estimate of its prompt and of `text`, the output received. */
  settleEstimated(text: string, failure?: RunFailureOf): Promise<PricedCall> {
    return this.outcome === undefined ? this.settle(estimatedFacts(this, text), failure) : this.settled();
  }

  /**
   * Ends the run as {@link settle} does, for a party that needs no record back (a tracker told of
   * the end by LangChain): a promise only while a participant still works (a durable ledger).
   */
  conclude(facts: CallFacts, failure?: RunFailureOf): Promise<void> | undefined {
    if (this.outcome === undefined) this.end(priceCall(facts, this.prices), failure);
    return this.ending;
  }

  /** {@link conclude} with a local estimate of its prompt and of `text`, the output received. */
  concludeEstimated(text: string): Promise<void> | undefined {
    return this.outcome === undefined ? this.conclude(estimatedFacts(this, text)) : this.ending;
  }

  /** Ends the run without a bill; a run already ended keeps its first outcome. */
  async release(failure?: RunFailureOf): Promise<void> {
    if (this.outcome === undefined) this.end(null, failure);
    await this.ending;
  }

  /**
   * Ends a run that failed (by default: abandoned): estimated from `text` when the provider had
   * accepted it (its input was billed), else without a bill.
   * @returns the bill, if there is one.
   */
  async fail(text: string, failure: RunFailureOf = { kind: "abandoned" }): Promise<PricedCall | undefined> {
    if (this.outcome === undefined && !this.accepted) this.end(null, failure);
    if (this.outcome !== null) return this.settleEstimated(text, failure);
    await this.ending;
    return undefined;
  }

  /**
   * Its consumer stopped reading the stream. A run the callbacks end (a chat model used directly,
   * for which LangChain reports neither an end nor an error then) is billed at once, as estimated
   * from the text its trackers saw; a provider's run is ended by its provider, from the text its
   * consumer was given.
   */
  async abandon(): Promise<void> {
    if (this.endedBy === "callbacks") await this.fail(this.text);
  }

  private async settled(): Promise<PricedCall> {
    await this.ending;
    if (this.outcome === null || this.outcome === undefined) throw new Error(`Run ${this.id} ended without a bill; it cannot be settled.`);
    return this.outcome;
  }

  /**
   * Fixes the outcome, then tells every participant, in the order they joined. The outcome is
   * fixed before any participant hears of it, so a participant that asks again gets the same one.
   */
  private end(outcome: PricedCall | null, failure: RunFailureOf | undefined): void {
    if (ACTIVE_RUNS.get(this.id) === this) ACTIVE_RUNS.delete(this.id);
    this.outcome = outcome;
    this.failure_ = typeof failure === "function" ? failure(outcome ?? undefined) : failure;
    try {
      this.ending = this.tell(0, outcome);
    } catch (error) {
      this.ending = Promise.reject(error);
    }
  }

  /**
   * Tells the participants from `index` on, in order: at once while each is done at once (an
   * in-memory tracker), the rest after the first that still works (a durable ledger's write).
   */
  private tell(index: number, outcome: PricedCall | null): Promise<void> | undefined {
    for (let i = index; i < this.participants.length; i++) {
      const participant = this.participants[i]!;
      const pending = outcome === null ? participant.runReleased(this) : participant.runSettled(this, outcome);
      if (pending !== undefined) return pending.then(() => this.tell(i + 1, outcome));
    }
    return undefined;
  }
}
