import type { HttpExchange } from "./http-exchange";
import { answeredModel, answeredServiceTier, type ChatRequest } from "./openai-chat-request";
import { tokenLogprobs } from "./openai-logprobs";
import {
  openAICompletionTokens,
  openAIPromptTokens,
  openAITokenPieces,
  type AnsweredToolCall,
} from "./openai-usage-counts";
import { planReply } from "./reply-content";
import type { ScriptedReply, ScriptedUsage } from "./stand-in-types";
import { playStream, type StreamFrame } from "./stream-playback";
import { usageBlockOf } from "./usage-block";

/** A tool call as answered, with its id. */
interface OpenAIToolCall extends AnsweredToolCall {
  id: string;
}

/** Counters that make ids unique per server. */
export interface IdSource {
  /** The next completion number (`chatcmpl-standin-<n>`). */
  completion(): number;
  /** The next tool-call number (`call_standin_<n>`). */
  toolCall(): number;
}

/** The `usage` object: computed counts, overridden field by field by the script. */
async function chatUsage(request: ChatRequest, text: string, toolCalls: OpenAIToolCall[], scripted: ScriptedUsage = {}) {
  const prompt = scripted.inputTokens ?? (await openAIPromptTokens(request.messages, request.model));
  const completion = scripted.outputTokens ?? (await openAICompletionTokens(text, toolCalls, request.model));
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: scripted.cacheReadTokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: scripted.reasoningTokens ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

const sse = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`;

/**
 * Answers POST /v1/chat/completions: one JSON completion, or (with `stream: true`) SSE chunks —
 * a role chunk, one chunk per reply token (with logprobs when asked), a header chunk then argument
 * chunks per tool call, the finish chunk, the usage-only chunk (empty `choices`) when
 * `stream_options.include_usage` is set, and `data: [DONE]`.
 */
export async function answerChat(
  request: ChatRequest,
  script: ScriptedReply,
  exchange: HttpExchange,
  ids: IdSource,
): Promise<void> {
  const reply = planReply(script, request.context, () => `call_standin_${ids.toolCall()}`);
  const toolCalls = reply.toolCalls.map((call) => ({ id: call.id, name: call.name, arguments: JSON.stringify(call.args) }));
  const usage = await chatUsage(request, reply.text, toolCalls, script.usage);
  const usageBlock = usageBlockOf(script, usage);
  const top = request.topLogprobs;
  // Token pieces are needed for stream chunks and logprobs only.
  const pieces = request.stream || top !== undefined ? await openAITokenPieces(reply.text, request.model) : [];
  const meta = {
    id: `chatcmpl-standin-${ids.completion()}`,
    created: Math.floor(Date.now() / 1000),
    model: script.model ?? answeredModel(request.model),
    system_fingerprint: "fp_standin",
    service_tier: script.serviceTier ?? answeredServiceTier(request.serviceTier),
  };
  const finishReason = script.stopReason ?? (toolCalls.length > 0 ? "tool_calls" : "stop");
  // A reply of tool calls only has `content: null` (and its stream opens with it), as OpenAI's do.
  const content = reply.text === "" && toolCalls.length > 0 ? null : reply.text;
  const headers = { "x-request-id": `req_standin_${meta.id}` };

  if (!request.stream) {
    const logprobs = top === undefined ? null : { content: tokenLogprobs(pieces.flatMap((p) => p.tokens), 0, top), refusal: null };
    const message = {
      role: "assistant",
      content,
      refusal: null,
      annotations: [],
      ...(toolCalls.length > 0
        ? { tool_calls: toolCalls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } })) }
        : {}),
    };
    const choices = [{ index: 0, message, logprobs, finish_reason: finishReason }];
    const completion = { ...meta, object: "chat.completion", choices, ...(usageBlock === undefined ? {} : { usage: usageBlock }) };
    const body = script.malformed === true ? `{"id": "${meta.id}", "choices": [` : JSON.stringify(completion);
    return exchange.send(200, { ...headers, "content-type": "application/json" }, body);
  }

  const chunk = (choice: Record<string, unknown>): string =>
    sse({
      ...meta,
      object: "chat.completion.chunk",
      choices: [{ index: 0, logprobs: null, finish_reason: null, ...choice }],
      ...(request.includeUsage ? { usage: null } : {}),
    });
  const opening = { role: "assistant", content: content === null ? null : "", refusal: null };
  const frames: StreamFrame[] = script.omitRoleDelta === true ? [] : [{ kind: "other", data: chunk({ delta: opening }) }];
  let position = 0;
  for (const piece of pieces) {
    const logprobs = top === undefined ? null : { content: tokenLogprobs(piece.tokens, position, top), refusal: null };
    position += piece.tokens.length;
    frames.push({ kind: "content", data: chunk({ delta: { content: piece.text }, logprobs }) });
  }
  for (const [index, call] of toolCalls.entries()) {
    const header = { index, id: call.id, type: "function", function: { name: call.name, arguments: "" } };
    frames.push({ kind: "other", data: chunk({ delta: { tool_calls: [header] } }) });
    for (const piece of await openAITokenPieces(call.arguments, request.model)) {
      frames.push({ kind: "content", data: chunk({ delta: { tool_calls: [{ index, function: { arguments: piece.text } }] } }) });
    }
  }
  frames.push({ kind: "closing", data: chunk({ delta: {}, finish_reason: finishReason }) });
  if (request.includeUsage && usageBlock !== undefined) {
    frames.push({ kind: "closing", data: sse({ ...meta, object: "chat.completion.chunk", choices: [], usage: usageBlock }) });
  }
  frames.push({ kind: "closing", data: "data: [DONE]\n\n" });

  const streamHeaders = { ...headers, "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" };
  await playStream(exchange, streamHeaders, frames, script, {
    exception: (exception) =>
      sse({ error: { message: exception.message ?? "The model produced an invalid response.", type: exception.type, param: null, code: null } }),
    corrupt: () => `data: {"id": "${meta.id}", "choices": [\n\n`,
  });
}
