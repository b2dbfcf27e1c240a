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
import { RecentCalls } from "./recent-calls";
import { checkRecordedResult } from "./recorded-result";
import { formatReport } from "./report";
import { RunningTotals } from "./running-totals";
import type { CostTotals, TrackedCall } from "./totals";
import { trackedCall } from "./tracked-call";
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

/** Says, once, that a hook failed after a call was billed: the call stays recorded and returned. */
function warnOf(hook: string, error: unknown): void {
  console.warn(`CostTracker: ${hook} threw (${error instanceof Error ? error.message : String(error)}); the call is recorded and its result returned.`);
}

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
  private readonly onResult?: (call: TrackedCall) => void;
  private readonly reserveOutputTokens: number;
  private readonly keepRaw: boolean;
  private readonly hooks: CallHook[];
  private readonly inFlight = new Map<string, CallRun>();
  private readonly recent: RecentCalls<TrackedCall>;
  private readonly running = new RunningTotals();

  constructor(options: CostTrackerOptions = {}) {
    super({ raiseError: true, _awaitHandler: true });
    checkTrackerOptions(options);
    this.prices = PriceList.builtIn().withCustom(options.pricing);
    this.pricing = this.prices.table();
    this.onResult = options.onResult;
    this.reserveOutputTokens = options.reserveOutputTokens ?? DEFAULT_RESERVE_OUTPUT_TOKENS;
    this.keepRaw = options.keepRaw ?? false;
    this.recent = new RecentCalls(options.maxCalls ?? DEFAULT_MAX_CALLS);
    this.hooks = [
      ...(options.budgetUsd === undefined ? [] : [new MemoryBudget(options.budgetUsd)]),
      ...(options.ledger === undefined ? [] : [new LedgerHook(options.ledger, { budgets: options.budgets, failOpen: options.budgetsFailOpen })]),
    ];
    // Telemetry last: a call another hook refuses is never sent, so it gets no span.
    const telemetry = createTelemetryHook(options.telemetry);
    if (telemetry !== undefined) this.hooks.push(telemetry);
  }

  /** The most recent calls (at most `maxCalls`), in the order they ended: a copy. */
  get calls(): readonly TrackedCall[] {
    return this.recent.toArray();
  }

  /** @internal LangChain callback: a chat model run starts. */
  override async handleChatModelStart(
    _llm: Serialized,
    messages: BaseMessage[][],
    runId: string,
    _parentRunId?: string,
    extraParams?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
  ): Promise<void> {
    await this.startRun(runId, messages[0] ?? [], extraParams, metadata);
  }

  /** @internal LangChain callback: a (non-chat) LLM run starts. */
  override async handleLLMStart(
    _llm: Serialized,
    prompts: string[],
    runId: string,
    _parentRunId?: string,
    extraParams?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
  ): Promise<void> {
    await this.startRun(runId, prompts.map((prompt) => new HumanMessage(prompt)), extraParams, metadata);
  }

  /** @internal LangChain callback: a streamed token arrives. */
  override async handleLLMNewToken(token: string, _idx: NewTokenIndices, runId: string, _parentRunId?: string, _tags?: string[], fields?: HandleLLMNewTokenCallbackFields): Promise<void> {
    this.inFlight.get(runId)?.addToken(this, token, fields?.chunk);
  }

  /** @internal LangChain callback: a run ends with its output. A run a provider sent is ended by the provider. */
  override async handleLLMEnd(output: LLMResult, runId: string): Promise<void> {
    const run = this.inFlight.get(runId);
    if (run === undefined || run.endedBy !== "callbacks") return;
    const generation = output.generations[0]?.[0] as Partial<ChatGeneration> | undefined;
    // A (non-chat) LLM's generation has text and no message, nor any usage: it is estimated.
    await (generation?.message === undefined ? run.settleEstimated(generation?.text ?? run.text) : run.settle(factsFromMessage(generation.message, run).facts));
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
  async joinRun(run: CallRun): Promise<void> {
    if (this.inFlight.has(run.id)) return;
    this.inFlight.set(run.id, run);
    this.closeAbandonedRuns();
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
    // A run that ended while the hooks started (it cannot, short of a bug) is left at once.
    if (!run.join(this)) await this.leave(run, started);
  }

  /** @internal {@link RunParticipant}: the run ended with its one priced record. */
  async runSettled(run: CallRun, priced: PricedCall): Promise<void> {
    this.inFlight.delete(run.id);
    await this.book(trackedCall(priced.result, { priced: priced.priced, keepRaw: this.keepRaw, run }), run);
  }

  /** @internal {@link RunParticipant}: the run ended without a bill. */
  async runReleased(run: CallRun): Promise<void> {
    await this.leave(run, this.hooks.length);
  }

  /**
   * Records a call made outside LangChain's callbacks (embeddings of your own), priced by the caller.
   * @returns the recorded call.
   * @throws InputError when the result is not an object or its cost or token counts are not finite numbers, 0 or more.
   */
  record(result: LLMCallResult, meta: { role?: string; node?: string; priced?: boolean } = {}): TrackedCall {
    checkRecordedResult(result);
    const call = trackedCall(result, { priced: meta.priced ?? true, keepRaw: this.keepRaw, labels: meta });
    void this.book(call, undefined);
    return call;
  }

  /** Everything recorded, added up overall and by model, role and node, with what calls in flight hold reserved. */
  totals(): CostTotals {
    return this.running.snapshot(this.reservedUsd());
  }

  /** A readable table of {@link totals} for a terminal. */
  report(): string {
    return formatReport(this.running);
  }

  /** Forgets every recorded call and the spend counted against the budget (calls in flight keep their reservations). */
  reset(): void {
    this.recent.clear();
    this.running.reset();
    for (const hook of this.hooks) hook.reset?.();
  }

  /** Forgets a run and gives back what the first `started` hooks hold for it. */
  private async leave(run: CallRun, started: number): Promise<void> {
    this.inFlight.delete(run.id);
    for (const hook of this.hooks.slice(0, started)) await hook.release?.(run);
  }

  private reservedUsd(): number {
    let usd = 0;
    for (const hook of this.hooks) usd += hook.reservedUsd?.() ?? 0;
    return usd;
  }

  private async startRun(runId: string, prompt: BaseMessage[], extraParams?: Record<string, unknown>, metadata?: Record<string, unknown>): Promise<void> {
    // A fallback chain's own run wraps its attempts, each a run this tracker prices: it is never reserved or priced itself.
    if (isFallbackRun(metadata)) return;
    const run = CallRun.find(runId) ?? CallRun.open(callbackRunInit(runId, prompt, extraParams, metadata, this.prices));
    // A provider's run learns its role, node and thread from the metadata every handler is given.
    run.describe(labelsOf(metadata));
    await this.joinRun(run);
  }

  /**
   * Adds a billed call to the books and tells the hooks and `onResult`, at once: only hooks that
   * work asynchronously (a durable ledger) leave something to wait for.
   */
  private book(call: TrackedCall, run: CallRun | undefined): Promise<unknown> | undefined {
    this.recent.push(call);
    this.running.add(call);
    const pending: Promise<void>[] = [];
    for (const hook of this.hooks) {
      const settling = hook.settle?.(call, run);
      if (settling !== undefined) pending.push(settling.catch((error: unknown) => warnOf("a hook's settle", error)));
    }
    this.tellOnResult(call);
    return pending.length === 0 ? undefined : Promise.all(pending);
  }

  private tellOnResult(call: TrackedCall): void {
    if (this.onResult === undefined) return;
    try {
      this.onResult(call);
    } catch (error) {
      // The call was billed and is in the books: a failing hook must not turn it into a failure.
      warnOf("the onResult hook", error);
    }
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
