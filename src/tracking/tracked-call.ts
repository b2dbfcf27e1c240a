import { randomUUID } from "node:crypto";
import type { LLMCallResult } from "../types";
import type { CallLabels, CallRun } from "./call-run";
import type { TrackedCall } from "./totals";

/** How a tracker keeps a call. */
export interface KeptAs {
  priced: boolean;
  /** Keep the provider's response (`raw`). */
  keepRaw: boolean;
  /** The run the call ended, when it went through one. */
  run?: CallRun;
  /** The attribution of a call recorded without a run (`tracker.record()`). */
  labels?: Pick<CallLabels, "role" | "node">;
}

/**
 * A call as a tracker keeps it: the priced result's fields (its `raw` only when asked: a tracker
 * lives as long as the process), with its id, attribution and end time. Built field by field: a
 * spread of the result takes a slow path in Node 20.
 */
export function trackedCall(result: LLMCallResult, kept: KeptAs): TrackedCall {
  const { run } = kept;
  const labels = run?.labels ?? kept.labels ?? {};
  const call: TrackedCall = {
    id: run?.id ?? randomUUID(),
    content: result.content,
    model: result.model,
    provider: result.provider,
    tokensInput: result.tokensInput,
    tokensOutput: result.tokensOutput,
    cost: result.cost,
    usage: result.usage,
    estimated: result.estimated,
    role: labels.role,
    node: labels.node,
    at: new Date(),
    priced: kept.priced,
  };
  if (run !== undefined) {
    call.requestedModel = run.requestedModel;
    if (run.kind === "chat") call.runId = run.id;
    if (run.labels.threadId !== undefined) call.threadId = run.labels.threadId;
    if (run.labels.fellBackFrom !== undefined) call.fellBackFrom = [...run.labels.fellBackFrom];
  }
  if (result.pricedWith !== undefined) call.pricedWith = result.pricedWith;
  if (result.serviceTier !== undefined) call.serviceTier = result.serviceTier;
  if (result.logprobs !== undefined) call.logprobs = result.logprobs;
  if (kept.keepRaw && result.raw !== undefined) call.raw = result.raw;
  return call;
}
