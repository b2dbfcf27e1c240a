import type { BaseMessage } from "@langchain/core/messages";
import type { AttributeValue, Attributes } from "@opentelemetry/api";
import { vendorOf } from "../providers/vendors";
import type { CallRun } from "../tracking/call-run";
import type { TrackedCall } from "../tracking/totals";
import type { TokenUsage } from "../types";
import { finishReasonsOf, reportedReasoningTokens } from "./final-message";
import { ATTR, OPERATION } from "./telemetry-names";

/** Sets `name` unless the value is unknown. */
function put(attributes: Attributes, name: string, value: AttributeValue | undefined): void {
  if (value !== undefined) attributes[name] = value;
}

/** `{gen_ai.operation.name} {gen_ai.request.model}`, e.g. `chat gpt-4o`. */
export function spanName(run: CallRun): string {
  return `${OPERATION[run.kind]} ${run.requestedModel}`;
}

/**
 * What a call is and who it is attributed to, known when it starts: the labels of its spans and
 * metrics (operation, provider, requested model, role, node).
 */
export function callLabels(run: CallRun): Attributes {
  const labels: Attributes = {
    [ATTR.operationName]: OPERATION[run.kind],
    [ATTR.providerName]: vendorOf(run.provider).telemetryName,
    [ATTR.requestModel]: run.requestedModel,
  };
  put(labels, ATTR.role, run.labels.role);
  put(labels, ATTR.node, run.labels.node);
  return labels;
}

/** The labels of a call recorded with `tracker.record()` (no run: its operation is unknown; its model is the one it was priced for). */
export function recordedCallLabels(call: TrackedCall): Attributes {
  const labels: Attributes = { [ATTR.providerName]: vendorOf(call.provider).telemetryName, [ATTR.requestModel]: call.model };
  put(labels, ATTR.role, call.role);
  put(labels, ATTR.node, call.node);
  return labels;
}

/** The temperature the chat model sent (LangChain's `ls_temperature` in the run's metadata). */
function temperatureOf(run: CallRun): number | undefined {
  const temperature = run.labels.metadata?.ls_temperature;
  return typeof temperature === "number" ? temperature : undefined;
}

/** The span's attributes when the call starts: its labels, the call's id, output limit, temperature, LangGraph thread. */
export function requestAttributes(run: CallRun, labels: Attributes): Attributes {
  const attributes: Attributes = {};
  for (const name in labels) attributes[name] = labels[name];
  attributes[ATTR.callId] = run.id;
  put(attributes, ATTR.requestMaxTokens, run.maxOutputTokens);
  put(attributes, ATTR.requestTemperature, temperatureOf(run));
  put(attributes, ATTR.conversationId, run.labels.threadId);
  return attributes;
}

/** Reasoning tokens: the usage's own count when it has one, else what the provider reported on the message. */
function reasoningTokens(call: TrackedCall, final: BaseMessage | undefined): number | undefined {
  const reasoning = (call.usage as TokenUsage & { reasoning?: number }).reasoning;
  if (reasoning !== undefined || call.estimated || final === undefined) return reasoning;
  return reportedReasoningTokens(final);
}

/** Token counts as the conventions name them (input includes the cached parts; embeddings have no output). */
function putUsage(attributes: Attributes, call: TrackedCall, kind: CallRun["kind"], final: BaseMessage | undefined): void {
  attributes[ATTR.inputTokens] = call.usage.input;
  if (kind === "embeddings") return;
  attributes[ATTR.outputTokens] = call.usage.output;
  attributes[ATTR.cacheReadInputTokens] = call.usage.cacheRead;
  attributes[ATTR.cacheCreationInputTokens] = call.usage.cacheWrite;
  put(attributes, ATTR.reasoningOutputTokens, reasoningTokens(call, final));
}

/** The cost as the tracker recorded it: the proposal's `gen_ai.usage.cost.*` when priced, and `orchestratai.*`. */
function putCost(attributes: Attributes, call: TrackedCall): void {
  attributes[ATTR.costUsd] = call.cost;
  attributes[ATTR.costEstimated] = call.estimated;
  attributes[ATTR.costPriced] = call.priced;
  if (call.priced) {
    attributes[ATTR.costAmount] = call.cost;
    attributes[ATTR.costCurrency] = "USD";
    attributes[ATTR.costSource] = "local";
  }
  put(attributes, ATTR.priceSource, call.pricedWith?.source);
  put(attributes, ATTR.priceModel, call.pricedWith?.model);
}

/** The span's attributes once the call ended with a bill: the answered model, finish reasons, usage, cost. */
export function responseAttributes(call: TrackedCall, kind: CallRun["kind"], final: BaseMessage | undefined): Attributes {
  const attributes: Attributes = { [ATTR.responseModel]: call.model };
  put(attributes, ATTR.responseFinishReasons, final === undefined ? undefined : finishReasonsOf(final));
  putUsage(attributes, call, kind, final);
  putCost(attributes, call);
  return attributes;
}
