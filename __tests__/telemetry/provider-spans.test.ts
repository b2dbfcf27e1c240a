import { SpanKind, SpanStatusCode, trace, type Attributes } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { ProviderError } from "../../src/errors";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { openAIEmbeddingsAt, useOpenAIStandIn } from "../helpers/stand-ins";
import { QUESTION, drain, failureOf } from "../reliability/support/outcomes";
import { PROVIDER_KINDS, useRig, type ProviderKind } from "../reliability/support/rigs";
import { useContextManager, useOpenTelemetryRig, type OpenTelemetryRig } from "./support/otel-rig";

/** What each provider's stand-in is scripted to report, and what the span must say of it. */
const CASES: Record<ProviderKind, { usage: Record<string, number>; request: Attributes; response: Attributes; cost: number; priceModel: string }> = {
  openai: {
    usage: { inputTokens: 1000, outputTokens: 50, cacheReadTokens: 200, reasoningTokens: 10 },
    request: { "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-4o" },
    response: {
      "gen_ai.response.model": "gpt-4o-2024-08-06",
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.usage.input_tokens": 1000,
      "gen_ai.usage.output_tokens": 50,
      "gen_ai.usage.cache_read.input_tokens": 200,
      "gen_ai.usage.cache_creation.input_tokens": 0,
      "gen_ai.usage.reasoning.output_tokens": 10,
    },
    // 800 uncached at $2.50, 200 cached at $1.25, 50 out at $10 per 1M.
    cost: (800 * 2.5 + 200 * 1.25 + 50 * 10) / 1e6,
    priceModel: "gpt-4o-2024-08-06",
  },
  bedrock: {
    usage: { inputTokens: 800, outputTokens: 40, cacheReadTokens: 150, cacheWriteTokens: 50 },
    request: { "gen_ai.provider.name": "aws.bedrock", "gen_ai.request.model": "anthropic.claude-3-haiku-20240307-v1:0" },
    response: {
      "gen_ai.response.model": "anthropic.claude-3-haiku-20240307-v1:0",
      "gen_ai.response.finish_reasons": ["end_turn"],
      "gen_ai.usage.input_tokens": 1000,
      "gen_ai.usage.output_tokens": 40,
      "gen_ai.usage.cache_read.input_tokens": 150,
      "gen_ai.usage.cache_creation.input_tokens": 50,
    },
    // Claude 3 Haiku's row has no cache prices: all 1000 input tokens at $0.25, 40 out at $1.25 per 1M.
    cost: (1000 * 0.25 + 40 * 1.25) / 1e6,
    priceModel: "anthropic.claude-3-haiku-20240307-v1:0",
  },
};

/** The cost attributes of a priced call recorded at `cost`. */
function costAttributes(cost: number, estimated: boolean, priceModel: string): Attributes {
  return {
    "orchestratai.cost.usd": cost,
    "orchestratai.cost.estimated": estimated,
    "orchestratai.cost.priced": true,
    "gen_ai.usage.cost.amount": cost,
    "gen_ai.usage.cost.currency": "USD",
    "gen_ai.usage.cost.source": "local",
    "orchestratai.price.source": "built-in",
    "orchestratai.price.model": priceModel,
  };
}

/** Runs `work` inside a span of the user's own tracer; returns that span's id and what `work` returned. */
async function inUserSpan<T>(otel: OpenTelemetryRig, work: () => Promise<T>): Promise<{ parentId: string; traceId: string; value: T }> {
  return otel.tracerProvider.getTracer("app").startActiveSpan("handle request", async (span) => {
    try {
      const value = await work();
      return { parentId: span.spanContext().spanId, traceId: span.spanContext().traceId, value };
    } finally {
      span.end();
    }
  });
}

/** The one span this package ended, checked to be a CLIENT child of the user's span. */
function onlyLlmSpan(otel: OpenTelemetryRig, parent: { parentId: string; traceId: string }): ReadableSpan {
  const spans = otel.llmSpans();
  expect(spans).toHaveLength(1);
  const span = spans[0]!;
  expect(span.kind).toBe(SpanKind.CLIENT);
  expect(span.parentSpanContext?.spanId).toBe(parent.parentId);
  expect(span.spanContext().traceId).toBe(parent.traceId);
  expect(span.ended).toBe(true);
  return span;
}

function errorEvent(span: ReadableSpan): Attributes | undefined {
  return span.events.find((event) => event.name === "exception")?.attributes;
}

useContextManager();

describe.each(PROVIDER_KINDS)("%s: a CLIENT span for every call, a child of the caller's span, with the released GenAI names and the cost", (kind) => {
  const rig = useRig(kind);
  const otel = useOpenTelemetryRig();
  const { usage, request, response, cost, priceModel } = CASES[kind];
  const tracker = () => new CostTracker({ telemetry: { tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider } });
  const spanName = `chat ${request["gen_ai.request.model"]}`;

  it("complete(): every attribute, the cost the tracker recorded, status unset", async () => {
    const books = tracker();
    rig.server.reply({ text: "Paris.", usage });
    const parent = await inUserSpan(otel, () => rig.provider({ tracker: books }).complete({ messages: QUESTION, temperature: 0.3, maxTokens: 100 }));
    const span = onlyLlmSpan(otel, parent);
    expect(span.name).toBe(spanName);
    expect(parent.value.cost).toBeCloseTo(cost, 15);
    expect(span.attributes).toEqual({
      "gen_ai.operation.name": "chat",
      ...request,
      "orchestratai.call.id": books.calls[0]!.id,
      "gen_ai.request.max_tokens": 100,
      "gen_ai.request.temperature": 0.3,
      ...response,
      ...costAttributes(parent.value.cost, false, priceModel),
    });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.events).toEqual([]);
  });

  it("stream(): the same attributes from the streamed usage, the span ended before the last chunk is read", async () => {
    const books = tracker();
    rig.server.reply({ text: "Paris is the capital.", usage });
    let endedBeforeLastChunk = false;
    const parent = await inUserSpan(otel, async () => {
      const { chunks, error } = await drain(rig.provider({ tracker: books }).stream({ messages: QUESTION }), () => {
        endedBeforeLastChunk ||= otel.llmSpans().length === 1;
      });
      expect(error).toBeUndefined();
      return chunks.at(-1)!.result!;
    });
    expect(endedBeforeLastChunk).toBe(true);
    const span = onlyLlmSpan(otel, parent);
    expect(span.name).toBe(spanName);
    expect(span.attributes).toEqual({ "gen_ai.operation.name": "chat", ...request, "orchestratai.call.id": books.calls[0]!.id, ...response, ...costAttributes(cost, false, priceModel) });
    expect(parent.value.cost).toBeCloseTo(cost, 15);
  });

  it("a stream cut mid-way: status ERROR, error.type stream, the exception, and the estimated cost the tracker recorded", async () => {
    const books = tracker();
    rig.server.reply({ text: "one two three four five six", cutAfterChunks: 2 });
    const parent = await inUserSpan(otel, async () => (await drain(rig.provider({ tracker: books }).stream({ messages: QUESTION }))).error);
    const error = parent.value as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.reason).toBe("stream");
    const span = onlyLlmSpan(otel, parent);
    const recorded = books.calls[0]!;
    expect(recorded.estimated).toBe(true);
    expect(recorded.cost).toBe(error.partial!.cost);
    expect(span.attributes).toMatchObject({
      "error.type": "stream",
      "gen_ai.response.model": request["gen_ai.request.model"],
      "gen_ai.usage.input_tokens": recorded.usage.input,
      "gen_ai.usage.output_tokens": recorded.usage.output,
      ...costAttributes(recorded.cost, true, request["gen_ai.request.model"] as string),
    });
    expect(recorded.cost).toBeGreaterThan(0);
    expect(span.attributes["gen_ai.response.finish_reasons"]).toBeUndefined();
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: error.message });
    expect(errorEvent(span)).toMatchObject({ "exception.type": "ProviderError", "exception.message": error.message });
  });

  it("a stream its consumer stops reading: error.type abandoned, ended with the estimated cost before stream() returns", async () => {
    const books = tracker();
    rig.server.reply({ text: "one two three four five six seven eight" });
    const parent = await inUserSpan(otel, async () => {
      for await (const chunk of rig.provider({ tracker: books }).stream({ messages: QUESTION })) if (chunk.content !== "") break;
    });
    const span = onlyLlmSpan(otel, parent);
    const recorded = books.calls[0]!;
    expect(span.attributes).toMatchObject({ "error.type": "abandoned", ...costAttributes(recorded.cost, true, request["gen_ai.request.model"] as string) });
    expect(recorded.cost).toBeGreaterThan(0);
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.events).toEqual([]);
  });

  it("an HTTP error: error.type is the status, the exception is recorded, no usage or cost (nothing was billed)", async () => {
    const books = tracker();
    rig.server.reply({ error: { status: 429 } });
    const parent = await inUserSpan(otel, () => failureOf(() => rig.provider({ tracker: books }).complete({ messages: QUESTION })));
    const error = parent.value as ProviderError;
    expect(error.status).toBe(429);
    const span = onlyLlmSpan(otel, parent);
    expect(books.calls).toHaveLength(0);
    expect(span.attributes).toEqual({ "gen_ai.operation.name": "chat", ...request, "orchestratai.call.id": expect.any(String), "error.type": "429" });
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: error.message });
    expect(errorEvent(span)).toMatchObject({ "exception.type": "ProviderError" });
  });

  it("a call outside any span starts a trace of its own (a root span)", async () => {
    rig.server.reply({ text: "Paris." });
    await rig.provider({ tracker: tracker() }).complete({ messages: QUESTION });
    const [span] = otel.llmSpans();
    expect(span?.parentSpanContext).toBeUndefined();
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});

describe("openai: a usage block that cannot be read ends the span with error.type malformed and the estimate", () => {
  const rig = useRig("openai");
  const otel = useOpenTelemetryRig();

  it("the call throws ProviderError(malformed); the span carries its estimated cost", async () => {
    const books = new CostTracker({ telemetry: { tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider } });
    rig.server.reply({ text: "Paris.", usage: { inputTokens: -3 } });
    const error = (await failureOf(() => rig.provider({ tracker: books }).complete({ messages: QUESTION }))) as ProviderError;
    expect(error.reason).toBe("malformed");
    const [span] = otel.llmSpans();
    expect(span?.attributes).toMatchObject({ "error.type": "malformed", "orchestratai.cost.estimated": true, "orchestratai.cost.usd": error.partial!.cost });
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
  });
});

describe("embeddings: an `embeddings {model}` CLIENT span with the input tokens and the cost", () => {
  const server = useOpenAIStandIn();
  const otel = useOpenTelemetryRig();
  const tracker = () => new CostTracker({ telemetry: { tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider } });

  it("embed() inside a user span, one span for all its batches", async () => {
    const books = tracker();
    server.reply({ usage: { inputTokens: 300 } });
    server.reply({ usage: { inputTokens: 200 } });
    const embeddings = openAIEmbeddingsAt(server, { model: "text-embedding-3-small", tracker: books, batchSize: 2, metadata: { role: "embeddings" } });
    const parent = await inUserSpan(otel, () => embeddings.embed({ texts: ["a", "b", "c"] }));
    const span = onlyLlmSpan(otel, parent);
    expect(span.name).toBe("embeddings text-embedding-3-small");
    expect(span.attributes).toEqual({
      "gen_ai.operation.name": "embeddings",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "text-embedding-3-small",
      "orchestratai.role": "embeddings",
      "orchestratai.call.id": books.calls[0]!.id,
      "gen_ai.response.model": "text-embedding-3-small",
      "gen_ai.usage.input_tokens": 500,
      ...costAttributes((500 * 0.02) / 1e6, false, "text-embedding-3-small"),
    });
    expect(parent.value.cost).toBeCloseTo((500 * 0.02) / 1e6, 15);
  });

  it("a later batch that fails: the span ends with the error and the batches billed", async () => {
    const books = tracker();
    server.reply({ usage: { inputTokens: 300 } });
    server.reply({ error: { status: 500 } });
    const embeddings = openAIEmbeddingsAt(server, { model: "text-embedding-3-small", tracker: books, batchSize: 2 });
    await failureOf(() => embeddings.embed({ texts: ["a", "b", "c"] }));
    const [span] = otel.llmSpans();
    expect(span?.attributes).toMatchObject({ "error.type": "500", "gen_ai.usage.input_tokens": 300, "orchestratai.cost.usd": (300 * 0.02) / 1e6 });
    expect(books.totals().tokensInput).toBe(300);
  });

  it("a first batch that fails: the span ends with the error and no cost", async () => {
    server.reply({ error: { status: 401 } });
    await failureOf(() => openAIEmbeddingsAt(server, { model: "text-embedding-3-small", tracker: tracker() }).embed({ texts: ["a"] }));
    const [span] = otel.llmSpans();
    expect(span?.attributes["error.type"]).toBe("401");
    expect(span?.attributes["orchestratai.cost.usd"]).toBeUndefined();
  });
});
