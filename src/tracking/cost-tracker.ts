import { BaseCallbackHandler, type HandleLLMNewTokenCallbackFields, type NewTokenIndices } from "@langchain/core/callbacks/base";
import type { BaseMessage } from "@langchain/core/messages";
import { HumanMessage } from "@langchain/core/messages";
import type { Serialized } from "@langchain/core/load/serializable";
import type { ChatGeneration, LLMResult } from "@langchain/core/outputs";
import { BudgetExceededError } from "../errors";
import { isBedrockModelId } from "../model-ids";
import { formatCost, mergePricing, type PricingTable } from "../pricing";
import type { LLMCallResult, ProviderName } from "../types";
import { estimatedFacts, factsFromMessage, type CallContext } from "./call-facts";
import { priceCall } from "./priced-call";
import { formatReport } from "./report";
import { totalsOf, type CostTotals, type TrackedCall } from "./totals";

/** Options of a {@link CostTracker}. */
export interface CostTrackerOptions {
  /** Prices merged over the built-in table (USD per 1M tokens). */
  pricing?: PricingTable;
  /** Once recorded spend reaches this, the next call fails with `BudgetExceededError` before any request. */
  budgetUsd?: number;
  /** Called once for every recorded call. */
  onResult?: (call: TrackedCall) => void;
}

interface RunState extends CallContext {
  role?: string;
  node?: string;
  text: string;
  lastChunk?: unknown;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function providerOf(metadata: Record<string, unknown> | undefined, model: string): ProviderName {
  const declared = metadata?.ls_provider;
  if (declared === "openai") return "openai";
  if (declared === "amazon_bedrock") return "bedrock";
  return isBedrockModelId(model) ? "bedrock" : "openai";
}

function requestedModelOf(extraParams: Record<string, unknown> | undefined, metadata: Record<string, unknown> | undefined): string {
  const params = extraParams?.invocation_params as Record<string, unknown> | undefined;
  return stringOf(metadata?.ls_model_name) ?? stringOf(params?.model) ?? stringOf(params?.modelId) ?? "unknown";
}

/**
 * A LangChain callback handler that prices every chat model call it sees.
 *
 * Attach it like any handler (`{ callbacks: [tracker] }` on a call, a model or a graph). Its state
 * is keyed by run id, so concurrent runs stay apart and a tracker reached twice by one run records
 * it once. Handlers are awaited, so `calls` and `totals()` are complete when `invoke()` returns.
 */
export class CostTracker extends BaseCallbackHandler {
  /** @inheritdoc */
  readonly name = "CostTracker";
  /** The prices in use: the built-in table with the `pricing` option merged over it. */
  readonly pricing: PricingTable;
  private readonly budgetUsd?: number;
  private readonly onResult?: (call: TrackedCall) => void;
  private readonly runs = new Map<string, RunState>();
  private readonly recorded: TrackedCall[] = [];
  private spentUsd = 0;

  constructor(options: CostTrackerOptions = {}) {
    super({ raiseError: true, _awaitHandler: true });
    this.pricing = mergePricing(options.pricing);
    this.budgetUsd = options.budgetUsd;
    this.onResult = options.onResult;
  }

  /** Every recorded call, in the order they ended. */
  get calls(): readonly TrackedCall[] {
    return this.recorded;
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
    this.startRun(runId, messages[0] ?? [], extraParams, metadata);
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
    this.startRun(runId, prompts.map((prompt) => new HumanMessage(prompt)), extraParams, metadata);
  }

  /** @internal LangChain callback: a streamed token arrives. */
  override async handleLLMNewToken(token: string, _idx: NewTokenIndices, runId: string, _parentRunId?: string, _tags?: string[], fields?: HandleLLMNewTokenCallbackFields): Promise<void> {
    const state = this.runs.get(runId);
    if (state === undefined || (fields?.chunk !== undefined && fields.chunk === state.lastChunk)) return;
    state.lastChunk = fields?.chunk;
    state.text += token;
  }

  /** @internal LangChain callback: a run ends with its output. */
  override async handleLLMEnd(output: LLMResult, runId: string): Promise<void> {
    const state = this.runs.get(runId);
    if (state === undefined) return;
    this.runs.delete(runId);
    const message = (output.generations[0]?.[0] as ChatGeneration | undefined)?.message;
    const facts = message === undefined ? estimatedFacts(state, state.text) : factsFromMessage(message, state).facts;
    this.store(priceCall(facts, this.pricing), runId, state);
  }

  /** @internal LangChain callback: a run fails. A stream that failed part-way is recorded as estimated. */
  override async handleLLMError(_error: unknown, runId: string): Promise<void> {
    this.closeStreamRun(runId);
  }

  /**
   * @internal Closes a run that ended without a final message as an estimated call of the text it
   * streamed, if any: `received`, the text its consumer was given, when its provider ends it early
   * (failed, aborted, or left unread), else the tokens the tracker saw. LangChain hands a chunk to
   * the handlers only once the next one is asked for, and reports nothing at all for a stream left
   * unread; a run already closed stays as it was recorded.
   */
  closeStreamRun(runId: string, received?: string): void {
    const state = this.runs.get(runId);
    if (state === undefined) return;
    this.runs.delete(runId);
    const text = received ?? state.text;
    if (text !== "") this.store(priceCall(estimatedFacts(state, text), this.pricing), runId, state);
  }

  /**
   * Records a call made outside LangChain's callbacks (embeddings), priced by the caller.
   * @returns the recorded call.
   */
  record(result: LLMCallResult, meta: { role?: string; node?: string; priced?: boolean } = {}): TrackedCall {
    // An embeddings result's vectors are not kept: a tracker lives as long as the process.
    const { embeddings: _vectors, ...call } = result as LLMCallResult & { embeddings?: unknown };
    return this.push(Object.assign(call, { role: meta.role, node: meta.node, at: new Date(), priced: meta.priced ?? true }));
  }

  /** Everything recorded, added up overall and by model, role and node. */
  totals(): CostTotals {
    return totalsOf(this.recorded);
  }

  /** A readable table of {@link totals} for a terminal. */
  report(): string {
    return formatReport(this.recorded);
  }

  /**
   * Adds price rows for models this tracker has no price for (its own rows win), so a provider
   * given a `pricing` option and this tracker is priced the same way in both.
   */
  adoptPricing(rows: PricingTable | undefined): void {
    for (const [model, row] of Object.entries(rows ?? {})) if (!Object.hasOwn(this.pricing, model)) this.pricing[model] = row;
  }

  /** Throws `BudgetExceededError` when recorded spend has reached `budgetUsd`: called before any request. */
  assertWithinBudget(): void {
    if (this.budgetUsd !== undefined && this.spentUsd >= this.budgetUsd) {
      throw new BudgetExceededError(this.spentUsd, this.budgetUsd, { spent: formatCost(this.spentUsd), budget: formatCost(this.budgetUsd) });
    }
  }

  /** Forgets every recorded call and the spend counted against the budget. */
  reset(): void {
    this.recorded.length = 0;
    this.spentUsd = 0;
  }

  private startRun(runId: string, prompt: BaseMessage[], extraParams?: Record<string, unknown>, metadata?: Record<string, unknown>): void {
    if (this.runs.has(runId)) return;
    this.assertWithinBudget();
    const requestedModel = requestedModelOf(extraParams, metadata);
    this.runs.set(runId, {
      provider: providerOf(metadata, requestedModel),
      requestedModel,
      prompt,
      role: stringOf(metadata?.role),
      node: stringOf(metadata?.langgraph_node),
      text: "",
    });
  }

  private store(priced: ReturnType<typeof priceCall>, runId: string, state: RunState): void {
    // Object.assign, not a spread: a spread of the result takes a slow path in Node 20 (~10 µs a call).
    this.push(Object.assign(priced.result, { runId, role: state.role, node: state.node, at: new Date(), priced: priced.priced }));
  }

  private push(call: TrackedCall): TrackedCall {
    this.recorded.push(call);
    this.spentUsd += call.cost;
    this.onResult?.(call);
    return call;
  }
}
