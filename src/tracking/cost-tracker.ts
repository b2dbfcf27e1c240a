import { BaseCallbackHandler, type HandleLLMNewTokenCallbackFields, type NewTokenIndices } from "@langchain/core/callbacks/base";
import type { BaseMessage } from "@langchain/core/messages";
import { HumanMessage } from "@langchain/core/messages";
import type { Serialized } from "@langchain/core/load/serializable";
import type { ChatGeneration, LLMResult } from "@langchain/core/outputs";
import { LedgerHook } from "../ledger/ledger-hook";
import { PriceList, type PricingTable } from "../pricing";
import { createTelemetryHook } from "../telemetry";
import type { LLMCallResult } from "../types";
import { factsFromMessage } from "./call-facts";
import type { CallHook } from "./call-hooks";
import { CallRun, type RunParticipant } from "./call-run";
import { callbackRunInit, labelsOf } from "./callback-run";
import { isFallbackRun } from "./fallback-labels";
import { MemoryBudget } from "./memory-budget";
import type { PricedCall } from "./priced-call";
import { checkRecordedResult } from "./recorded-result";
import { formatReport } from "./report";
import type { CostTotals, TrackedCall } from "./totals";
import { trackedCall } from "./tracked-call";
import { TrackerBooks } from "./tracker-books";
import {
  ABANDONED_GRACE_MS,
  checkTrackerOptions,
  DEFAULT_CALL_LIMIT_MS,
  DEFAULT_MAX_CALLS,
  DEFAULT_RESERVE_OUTPUT_TOKENS,
  type CostTrackerOptions,
} from "./tracker-options";
import { inputTokensAtMost, worstCaseUsd } from "./worst-case";

export type { CostTrackerOptions } from "./tracker-options";

/**
 * A LangChain callback handler that prices every chat model call it sees, once, and keeps the
 * books: running totals by model, role and node, the most recent calls, and budgets that hold
 * however many calls run at once (each call reserves its worst case before it is sent).
 *
 * Attach it like any handler (`{ callbacks: [tracker] }` on a call, a model or a graph). Its state
 * is keyed by run id, so concurrent runs stay apart and a tracker reached twice by one run records
 * it once. Handlers are awaited, so `calls` and `totals()` are complete when `invoke()` returns.
 * With the `telemetry` option, every call is also an OpenTelemetry span and metrics (docs/telemetry.md).
 */
export class CostTracker extends BaseCallbackHandler implements RunParticipant {
  /** @inheritdoc */
  readonly name = "CostTracker";
  /** The prices in use: the built-in table with the `pricing` option merged over it. */
  readonly pricing: PricingTable;
  /** @internal The same prices in layers (the option's rows, then the built-in table), as calls are priced. */
  readonly prices: PriceList;
  private readonly reserveOutputTokens: number;
  private readonly keepRaw: boolean;
  private readonly hooks: CallHook[];
  private readonly inFlight = new Map<string, CallRun>();
  private readonly books: TrackerBooks;

  constructor(options: CostTrackerOptions = {}) {
    super({ raiseError: true, _awaitHandler: true });
    checkTrackerOptions(options);
    this.prices = PriceList.builtIn().withCustom(options.pricing);
    this.pricing = this.prices.table();
    this.reserveOutputTokens = options.reserveOutputTokens ?? DEFAULT_RESERVE_OUTPUT_TOKENS;
    this.keepRaw = options.keepRaw ?? false;
    this.hooks = [
      ...(options.budgetUsd === undefined ? [] : [new MemoryBudget(options.budgetUsd)]),
      ...(options.ledger === undefined ? [] : [new LedgerHook(options.ledger, { budgets: options.budgets, failOpen: options.budgetsFailOpen })]),
    ];
    // Telemetry last: a call another hook refuses is never sent, so it gets no span.
    const telemetry = createTelemetryHook(options.telemetry);
    if (telemetry !== undefined) this.hooks.push(telemetry);
    this.books = new TrackerBooks(options.maxCalls ?? DEFAULT_MAX_CALLS, this.hooks, options.onResult);
  }

  /** The most recent calls (at most `maxCalls`), in the order they ended: a copy. */
  get calls(): readonly TrackedCall[] {
    return this.books.recent.toArray();
  }

  // The callbacks return a promise only when there is something to wait for (a budget's reservation,
  // a ledger's write): LangChain awaits whatever they return, and a promise less is time saved per call.

  /** @internal LangChain callback: a chat model run starts. */
  override handleChatModelStart(
    _llm: Serialized,
    messages: BaseMessage[][],
    runId: string,
    _parentRunId?: string,
    extraParams?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
  ): Promise<void> | undefined {
    return this.startRun(runId, messages[0] ?? [], extraParams, metadata);
  }

  /** @internal LangChain callback: a (non-chat) LLM run starts. */
  override handleLLMStart(
    _llm: Serialized,
    prompts: string[],
    runId: string,
    _parentRunId?: string,
    extraParams?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
  ): Promise<void> | undefined {
    return this.startRun(runId, prompts.map((prompt) => new HumanMessage(prompt)), extraParams, metadata);
  }

  /** @internal LangChain callback: a streamed token arrives. */
  override handleLLMNewToken(token: string, _idx: NewTokenIndices, runId: string, _parentRunId?: string, _tags?: string[], fields?: HandleLLMNewTokenCallbackFields): void {
    this.inFlight.get(runId)?.addToken(this, token, fields?.chunk);
  }

  /** @internal LangChain callback: a run ends with its output. A run a provider sent is ended by the provider. */
  override handleLLMEnd(output: LLMResult, runId: string): Promise<void> | undefined {
    const run = this.inFlight.get(runId);
    if (run === undefined || run.endedBy !== "callbacks") return undefined;
    const generation = output.generations[0]?.[0] as Partial<ChatGeneration> | undefined;
    // A (non-chat) LLM's generation has text and no message, nor any usage: it is estimated.
    return generation?.message === undefined ? run.concludeEstimated(generation?.text ?? run.text) : run.conclude(factsFromMessage(generation.message, run).facts);
  }

  /** @internal LangChain callback: a run fails. One that had begun to answer is billed as estimated. */
  override async handleLLMError(error: unknown, runId: string): Promise<void> {
    const run = this.inFlight.get(runId);
    if (run !== undefined && run.endedBy === "callbacks") await run.fail(run.text, { kind: "error", error });
  }

  /**
   * @internal Takes part in a run: runs the hooks' start (a budget reserves the call's worst case,
   * or refuses it with `BudgetExceededError` before any request), then hears how it ends.
   */
  joinRun(run: CallRun): Promise<void> | undefined {
    if (this.inFlight.has(run.id)) return undefined;
    this.inFlight.set(run.id, run);
    this.closeAbandonedRuns();
    return this.hooks.length === 0 ? this.joined(run, 0) : this.startHooks(run);
  }

  /** @internal {@link RunParticipant}: the run ended with its one priced record. */
  runSettled(run: CallRun, priced: PricedCall): Promise<void> | undefined {
    this.inFlight.delete(run.id);
    return this.books.book(trackedCall(priced.result, { priced: priced.priced, keepRaw: this.keepRaw, run }), run);
  }

  /** @internal {@link RunParticipant}: the run ended without a bill. */
  runReleased(run: CallRun): Promise<void> | undefined {
    return this.leave(run, this.hooks.length);
  }

  /**
   * Records a call made outside LangChain's callbacks (embeddings of your own), priced by the caller.
   * @returns the recorded call.
   * @throws InputError when the result is not an object or its cost or token counts are not finite numbers, 0 or more.
   */
  record(result: LLMCallResult, meta: { role?: string; node?: string; priced?: boolean } = {}): TrackedCall {
    checkRecordedResult(result);
    const call = trackedCall(result, { priced: meta.priced ?? true, keepRaw: this.keepRaw, labels: meta });
    void this.books.book(call, undefined);
    return call;
  }

  /** Everything recorded, added up overall and by model, role and node, with what calls in flight hold reserved. */
  totals(): CostTotals {
    return this.books.running.snapshot(this.reservedUsd());
  }

  /** A readable table of {@link totals} for a terminal. */
  report(): string {
    return formatReport(this.books.running);
  }

  /** Forgets every recorded call and the spend counted against the budget (calls in flight keep their reservations). */
  reset(): void {
    this.books.clear();
    for (const hook of this.hooks) hook.reset?.();
  }

  /** Runs the hooks' start for a run (a budget reserves its worst case), then joins it; a hook that refuses it leaves it. */
  private async startHooks(run: CallRun): Promise<void> {
    let started = 0;
    try {
      let worstCase: number | undefined;
      const worstCaseOf = () =>
        (worstCase ??= worstCaseUsd(run, inputTokensAtMost(run), run.maxOutputTokens ?? this.reserveOutputTokens));
      for (const hook of this.hooks) {
        await hook.start?.(run, worstCaseOf);
        started += 1;
      }
    } catch (error) {
      await this.leave(run, started);
      throw error;
    }
    await this.joined(run, started);
  }

  /** Joins a run whose hooks started; a run that ended meanwhile (it cannot, short of a bug) is left at once. */
  private joined(run: CallRun, started: number): Promise<void> | undefined {
    return run.join(this) ? undefined : this.leave(run, started);
  }

  /** Forgets a run and gives back what the first `started` hooks hold for it. */
  private leave(run: CallRun, started: number): Promise<void> | undefined {
    this.inFlight.delete(run.id);
    return started === 0 ? undefined : this.releaseHooks(run, started);
  }

  private async releaseHooks(run: CallRun, started: number): Promise<void> {
    for (const hook of this.hooks.slice(0, started)) await hook.release?.(run);
  }

  private reservedUsd(): number {
    let usd = 0;
    for (const hook of this.hooks) usd += hook.reservedUsd?.() ?? 0;
    return usd;
  }

  private startRun(runId: string, prompt: BaseMessage[], extraParams?: Record<string, unknown>, metadata?: Record<string, unknown>): Promise<void> | undefined {
    // A fallback chain's own run wraps its attempts, each a run this tracker prices: it is never reserved or priced itself.
    if (isFallbackRun(metadata)) return undefined;
    let run = CallRun.find(runId);
    // A provider's run learns its role, node and thread from the metadata every handler is given.
    if (run !== undefined) run.describe(labelsOf(metadata));
    else run = CallRun.open(callbackRunInit(runId, prompt, extraParams, metadata, this.prices));
    return this.joinRun(run);
  }

  /** Closes, as estimated, runs no party ended long after their time limit (see {@link ABANDONED_GRACE_MS}). */
  private closeAbandonedRuns(): void {
    const now = Date.now();
    // In start order: the oldest first, so the scan stops at the first run still within its limit.
    for (const run of this.inFlight.values()) {
      if (now - run.startedAt < (run.timeoutMs ?? DEFAULT_CALL_LIMIT_MS) + ABANDONED_GRACE_MS) return;
      if (run.endedBy === "callbacks") void run.fail(run.text);
    }
  }
}
