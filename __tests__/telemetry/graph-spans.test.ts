import { HumanMessage, ToolMessage } from "@langchain/core/messages";
import type { RunnableConfig } from "@langchain/core/runnables";
import { tool } from "@langchain/core/tools";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { z } from "zod";
import { AgentRole, ProviderFactory } from "../../src/factory";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { openAIProviderAt, useOfflineServers, useOpenAIStandIn } from "../helpers/stand-ins";
import { QUESTION, failureOf } from "../reliability/support/outcomes";
import { useContextManager, useGlobalProviders, useOpenTelemetryRig, type OpenTelemetryRig } from "./support/otel-rig";

const State = Annotation.Root({ question: Annotation<string>(), route: Annotation<string>(), answer: Annotation<string>() });

/**
 * analysis (a Bedrock chat model used directly: a run the tracker's callbacks end) → respond (a
 * provider call, the graph's config not passed on) → polish (a streamed chat model, inside a span
 * the node opens with the app's own tracer).
 */
function buildGraph(factory: ProviderFactory, appTracer: ReturnType<OpenTelemetryRig["tracerProvider"]["getTracer"]>) {
  return new StateGraph(State)
    .addNode("analysis", async (state, config?: RunnableConfig) => ({ route: (await factory.runnableFor(AgentRole.ORCHESTRATOR_ANALYSIS).invoke(state.question, config)).text }))
    .addNode("respond", async (state) => ({ answer: (await factory.forRole(AgentRole.RAG).complete({ messages: [{ role: "user", content: state.question }] })).content }))
    .addNode("polish", (state, config?: RunnableConfig) =>
      appTracer.startActiveSpan("polish answer", async (span) => {
        let answer = "";
        for await (const chunk of await factory.runnableFor(AgentRole.DIRECT).stream(state.answer, config)) answer += chunk.text;
        span.end();
        return { answer };
      }),
    )
    .addEdge(START, "analysis")
    .addEdge("analysis", "respond")
    .addEdge("respond", "polish")
    .addEdge("polish", END)
    .compile();
}

function byNode(spans: ReadableSpan[]): Record<string, ReadableSpan> {
  return Object.fromEntries(spans.map((span) => [String(span.attributes["orchestratai.node"]), span]));
}

useContextManager();

describe("a LangGraph run inside the app's span: every call's span nests under it, with its node, role and thread", () => {
  const servers = useOfflineServers();
  const otel = useOpenTelemetryRig();

  async function runGraph(factory: ProviderFactory) {
    servers.bedrock.reply({ text: "rag", usage: { inputTokens: 30, outputTokens: 1 } });
    servers.openai.reply({ text: "Refunds take 5 days.", usage: { inputTokens: 40, outputTokens: 6 } });
    servers.bedrock.reply({ text: "Refunds take five days.", usage: { inputTokens: 20, outputTokens: 5 } });
    const appTracer = otel.tracerProvider.getTracer("app");
    return appTracer.startActiveSpan("graph run", async (root) => {
      const state = await buildGraph(factory, appTracer).invoke({ question: "How long do refunds take?" }, { configurable: { thread_id: "thread-7" } });
      root.end();
      return { state, root };
    });
  }

  it("the factory passes its telemetry option to its tracker; LangGraph keeps the caller's context", async () => {
    const factory = new ProviderFactory({ env: servers.env, telemetry: { tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider } });
    const { state, root } = await runGraph(factory);
    expect(state.answer).toBe("Refunds take five days.");
    const spans = byNode(otel.llmSpans());
    expect(Object.keys(spans).sort()).toEqual(["analysis", "polish", "respond"]);
    const polishSpan = otel.spans().find((span) => span.name === "polish answer")!;
    expect(spans.analysis!.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
    expect(spans.respond!.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
    expect(spans.polish!.parentSpanContext?.spanId).toBe(polishSpan.spanContext().spanId);
    expect(polishSpan.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
    for (const span of Object.values(spans)) {
      expect(span.kind).toBe(SpanKind.CLIENT);
      expect(span.spanContext().traceId).toBe(root.spanContext().traceId);
      expect(span.attributes["gen_ai.conversation.id"]).toBe("thread-7");
    }
    expect(spans.analysis!.name).toBe("chat anthropic.claude-3-5-sonnet-20241022-v2:0");
    expect(spans.analysis!.attributes).toMatchObject({ "orchestratai.role": "orchestrator_analysis", "gen_ai.provider.name": "aws.bedrock", "gen_ai.usage.input_tokens": 30, "gen_ai.response.finish_reasons": ["end_turn"] });
    expect(spans.respond!.name).toBe("chat gpt-4-turbo");
    expect(spans.respond!.attributes).toMatchObject({ "orchestratai.role": "rag", "gen_ai.provider.name": "openai", "gen_ai.usage.input_tokens": 40, "gen_ai.usage.output_tokens": 6 });
    expect(spans.polish!.attributes).toMatchObject({ "orchestratai.role": "direct", "gen_ai.usage.output_tokens": 5, "gen_ai.response.finish_reasons": ["end_turn"] });
    const recorded = Object.fromEntries(factory.tracker.calls.map((call) => [call.node, call.cost]));
    for (const [node, span] of Object.entries(spans)) expect(span.attributes["orchestratai.cost.usd"]).toBe(recorded[node]);
  });

  describe("telemetry: true uses the global providers", () => {
    useGlobalProviders(otel);

    it("the same spans, through the globally registered tracer provider", async () => {
      const { root } = await runGraph(new ProviderFactory({ env: servers.env, tracker: new CostTracker({ telemetry: true }) }));
      const spans = otel.llmSpans();
      expect(spans.map((span) => span.attributes["orchestratai.node"]).sort()).toEqual(["analysis", "polish", "respond"]);
      expect(spans.filter((span) => span.parentSpanContext?.spanId === root.spanContext().spanId)).toHaveLength(2);
    });
  });
});

describe("captureContent: the messages sent and the answer, as the conventions' JSON", () => {
  const server = useOpenAIStandIn();
  const otel = useOpenTelemetryRig();
  const telemetry = (captureContent: boolean) => ({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider, captureContent });

  it("gen_ai.input.messages and gen_ai.output.messages on a provider call", async () => {
    server.reply({ text: "Paris." });
    await openAIProviderAt(server, { tracker: new CostTracker({ telemetry: telemetry(true) }) }).complete({ messages: QUESTION });
    const [span] = otel.llmSpans();
    expect(JSON.parse(String(span!.attributes["gen_ai.input.messages"]))).toEqual([
      { role: "system", parts: [{ type: "text", content: "You are terse." }] },
      { role: "user", parts: [{ type: "text", content: "What is the capital of France?" }] },
    ]);
    expect(JSON.parse(String(span!.attributes["gen_ai.output.messages"]))).toEqual([{ role: "assistant", parts: [{ type: "text", content: "Paris." }], finish_reason: "stop" }]);
  });

  it("tool calls asked for and tool results sent, on a chat model with tools bound", async () => {
    const lookup = tool(async () => "22°C", { name: "weather", description: "Weather in a city", schema: z.object({ city: z.string() }) });
    const model = openAIProviderAt(server, { tracker: new CostTracker({ telemetry: telemetry(true) }) }).chatModel.bindTools([lookup]);
    server.reply({ toolCalls: [{ name: "weather", args: { city: "Paris" }, id: "call_1" }] });
    const asked = await model.invoke([new HumanMessage("Weather in Paris?")]);
    server.reply({ text: "It is 22°C." });
    await model.invoke([new HumanMessage("Weather in Paris?"), asked, new ToolMessage({ content: "22°C", tool_call_id: "call_1" })]);
    const [first, second] = otel.llmSpans();
    expect(JSON.parse(String(first!.attributes["gen_ai.output.messages"]))).toEqual([
      { role: "assistant", parts: [{ type: "tool_call", id: "call_1", name: "weather", arguments: { city: "Paris" } }], finish_reason: "tool_calls" },
    ]);
    expect(JSON.parse(String(second!.attributes["gen_ai.input.messages"]))).toEqual([
      { role: "user", parts: [{ type: "text", content: "Weather in Paris?" }] },
      { role: "assistant", parts: [{ type: "tool_call", id: "call_1", name: "weather", arguments: { city: "Paris" } }] },
      { role: "tool", parts: [{ type: "tool_call_response", id: "call_1", result: "22°C" }] },
    ]);
  });

  it("a stream that broke off: the text that arrived is the output message", async () => {
    server.reply({ text: "one two three four five six", cutAfterChunks: 2 });
    const received: string[] = [];
    await failureOf(async () => {
      for await (const chunk of openAIProviderAt(server, { tracker: new CostTracker({ telemetry: telemetry(true) }) }).stream({ messages: QUESTION })) received.push(chunk.content);
    });
    const [span] = otel.llmSpans();
    expect(JSON.parse(String(span!.attributes["gen_ai.output.messages"]))).toEqual([{ role: "assistant", parts: [{ type: "text", content: received.join("") }] }]);
  });

  it("off by default: no message content on the span", async () => {
    server.reply({ text: "Paris." });
    await openAIProviderAt(server, { tracker: new CostTracker({ telemetry: telemetry(false) }) }).complete({ messages: QUESTION });
    const [span] = otel.llmSpans();
    expect(Object.keys(span!.attributes).filter((name) => name.includes("messages"))).toEqual([]);
  });
});

describe("a chat model used directly: runs the tracker's callbacks end", () => {
  const server = useOpenAIStandIn();
  const otel = useOpenTelemetryRig();
  const tracker = () => new CostTracker({ telemetry: { tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider } });

  it("a failed run (LangChain's handleLLMError): the span ends with the chat model's ProviderError, its HTTP status as error.type", async () => {
    server.reply({ error: { status: 500 } });
    await failureOf(() => openAIProviderAt(server, { tracker: tracker() }).chatModel.invoke("hi"));
    const [span] = otel.llmSpans();
    expect(span!.attributes["error.type"]).toBe("500");
    expect(span!.status.code).toBe(SpanStatusCode.ERROR);
    expect(span!.attributes["orchestratai.cost.usd"]).toBeUndefined();
  });

  it("a stream its consumer stops reading, which LangChain never ends: closed as abandoned, with the estimate, at once", async () => {
    const books = tracker();
    const model = openAIProviderAt(server, { tracker: books }).chatModel;
    server.reply({ text: "one two three four five six seven" });
    for await (const chunk of await model.stream("count")) if (chunk.text !== "") break;
    const abandoned = otel.llmSpans().find((span) => span.attributes["error.type"] === "abandoned");
    expect(abandoned?.attributes).toMatchObject({ "orchestratai.cost.estimated": true, "orchestratai.cost.usd": books.calls[0]!.cost });
    expect(books.calls[0]!.cost).toBeGreaterThan(0);
    expect(otel.llmSpans()).toHaveLength(1);
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});
