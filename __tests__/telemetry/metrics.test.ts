import { ChatOpenAI } from "@langchain/openai";
import { metrics } from "@opentelemetry/api";
import { AgentRole, ProviderFactory } from "../../src/factory";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { useOfflineServers } from "../helpers/stand-ins";
import { QUESTION, failureOf } from "../reliability/support/outcomes";
import { createOpenTelemetryRig, type Point } from "./support/otel-rig";

const TOKENS = "gen_ai.client.token.usage";
const DURATION = "gen_ai.client.operation.duration";
const COST = "orchestratai.client.cost";

function sumBy<T>(points: Point<T>[], label: string, value: (point: Point<T>) => number): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const point of points) {
    const key = String(point.attributes[label]);
    sums[key] = (sums[key] ?? 0) + value(point);
  }
  return sums;
}

describe("GenAI client metrics and the cost counter agree with the tracker's books", () => {
  const servers = useOfflineServers();
  // A fresh SDK per test: its sums are cumulative.
  let otel = createOpenTelemetryRig();
  beforeEach(() => (otel = createOpenTelemetryRig()));

  async function callEveryKind(factory: ProviderFactory) {
    servers.openai.reply({ text: "RAG answer.", usage: { inputTokens: 1200, outputTokens: 80, cacheReadTokens: 200 } });
    await factory.forRole(AgentRole.RAG).complete({ messages: QUESTION, metadata: { langgraph_node: "retrieve" } });
    servers.bedrock.reply({ text: "Direct answer.", usage: { inputTokens: 300, outputTokens: 20 } });
    await factory.forRole(AgentRole.DIRECT).complete({ messages: QUESTION, metadata: { langgraph_node: "answer" } });
    servers.openai.reply({ usage: { inputTokens: 500 } });
    await factory.forRole(AgentRole.EMBEDDINGS).embed({ texts: ["a", "b"] });
    servers.bedrock.reply({ error: { status: 503 }, times: 3 });
    await failureOf(() => factory.forRole(AgentRole.DIRECT).complete({ messages: QUESTION }));
    factory.tracker.record(
      { content: "", model: "text-embedding-3-small", provider: "openai", tokensInput: 100, tokensOutput: 0, cost: 0.000002, usage: { input: 100, output: 0, cacheRead: 0, cacheWrite: 0 }, estimated: false },
      { role: "indexer", node: "ingest" },
    );
  }

  it("token usage by gen_ai.token.type, cost by node and role, durations with error.type, the advised buckets", async () => {
    const factory = new ProviderFactory({ env: servers.env, telemetry: { meterProvider: otel.meterProvider, tracerProvider: otel.tracerProvider } });
    await callEveryKind(factory);
    const totals = factory.tracker.totals();

    const tokens = await otel.histograms(TOKENS);
    expect(sumBy(tokens, "gen_ai.token.type", (point) => point.value.sum!)).toEqual({ input: totals.tokensInput, output: totals.tokensOutput });
    expect(totals.tokensInput).toBe(1200 + 300 + 500 + 100);
    expect(tokens.find((point) => point.attributes["orchestratai.node"] === "retrieve" && point.attributes["gen_ai.token.type"] === "input")?.attributes).toEqual({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4-turbo",
      "orchestratai.role": "rag",
      "orchestratai.node": "retrieve",
      "gen_ai.token.type": "input",
    });
    // Embeddings have no output tokens to record.
    expect(tokens.filter((point) => point.attributes["gen_ai.operation.name"] === "embeddings").map((point) => point.attributes["gen_ai.token.type"])).toEqual(["input"]);
    expect(tokens[0]!.value.buckets.boundaries).toEqual([1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864]);

    const cost = await otel.sums(COST);
    const byNode = sumBy(cost, "orchestratai.node", (point) => point.value);
    expect(Object.keys(totals.byNode).sort()).toEqual(["answer", "ingest", "retrieve"]);
    for (const [node, bucket] of Object.entries(totals.byNode)) expect(byNode[node]).toBeCloseTo(bucket.costUsd, 15);
    const byRole = sumBy(cost, "orchestratai.role", (point) => point.value);
    for (const [role, bucket] of Object.entries(totals.byRole)) expect(byRole[role]).toBeCloseTo(bucket.costUsd, 15);
    expect(cost.reduce((sum, point) => sum + point.value, 0)).toBeCloseTo(totals.costUsd, 15);
    expect(cost.find((point) => point.attributes["orchestratai.node"] === "answer")?.attributes).toEqual({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "aws.bedrock",
      "gen_ai.request.model": "anthropic.claude-3-haiku-20240307-v1:0",
      "orchestratai.role": "direct",
      "orchestratai.node": "answer",
      "orchestratai.cost.estimated": false,
    });
    // A call recorded with tracker.record(): its dollars are counted, under what it was recorded as.
    expect(cost.find((point) => point.attributes["orchestratai.node"] === "ingest")).toEqual({
      attributes: { "gen_ai.provider.name": "openai", "gen_ai.request.model": "text-embedding-3-small", "orchestratai.role": "indexer", "orchestratai.node": "ingest", "orchestratai.cost.estimated": false },
      value: 0.000002,
    });

    const durations = await otel.histograms(DURATION);
    expect(durations.reduce((count, point) => count + point.value.count, 0)).toBe(4);
    const failed = durations.filter((point) => point.attributes["error.type"] !== undefined);
    expect(failed.map((point) => [point.attributes["error.type"], point.attributes["orchestratai.role"], point.value.count])).toEqual([["503", "direct", 1]]);
    for (const point of durations) expect(point.value.sum).toBeGreaterThan(0);
    expect(durations[0]!.value.buckets.boundaries).toEqual([0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92]);
  });

  it("an unpriced call adds nothing to the cost counter but its tokens are counted", async () => {
    const tracker = new CostTracker({ telemetry: { meterProvider: otel.meterProvider, tracerProvider: otel.tracerProvider } });
    servers.openai.reply({ text: "ok", usage: { inputTokens: 70, outputTokens: 7 } });
    const model = new ChatOpenAI({ model: "gpt-unlisted-model", apiKey: "sk-test", configuration: { baseURL: servers.env.OPENAI_BASE_URL }, maxRetries: 0 });
    await model.invoke("hi", { callbacks: [tracker] });
    expect(tracker.totals()).toMatchObject({ unpriced: 1, tokensInput: 70 });
    expect((await otel.sums(COST)).filter((point) => point.attributes["gen_ai.request.model"] === "gpt-unlisted-model")).toEqual([]);
    const tokens = await otel.histograms(TOKENS);
    expect(tokens.filter((point) => point.attributes["gen_ai.request.model"] === "gpt-unlisted-model").map((point) => point.value.sum)).toEqual([70, 7]);
  });

  describe("a global meter provider registered after the tracker was built", () => {
    afterEach(() => metrics.disable());

    it("is used from the next call on (telemetry: true)", async () => {
      const tracker = new CostTracker({ telemetry: true });
      const provider = new ProviderFactory({ env: servers.env, tracker }).forRole(AgentRole.DIRECT);
      servers.bedrock.reply({ text: "early", usage: { inputTokens: 11, outputTokens: 1 } });
      await provider.complete({ messages: QUESTION });
      metrics.setGlobalMeterProvider(otel.meterProvider);
      servers.bedrock.reply({ text: "late", usage: { inputTokens: 13, outputTokens: 1 } });
      await provider.complete({ messages: QUESTION });
      const inputs = (await otel.histograms(TOKENS)).filter((point) => point.attributes["gen_ai.token.type"] === "input");
      expect(inputs.map((point) => point.value.sum)).toEqual([13]);
    });
  });
});
