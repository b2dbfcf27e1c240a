import type { RunnableConfig } from "@langchain/core/runnables";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { ProviderError } from "../../src/errors";
import { AgentRole, ProviderFactory } from "../../src/factory";
import { CostTracker } from "../../src/tracking/cost-tracker";
import type { TrackedCall } from "../../src/tracking/totals";
import type { LLMCallResult } from "../../src/types";
import { useOfflineServers } from "../helpers/stand-ins";
import { QUESTION, drain, failureOf } from "../reliability/support/outcomes";
import { MODELS, PROVIDER_KINDS, expectedCost, useRig } from "../reliability/support/rigs";

/** A million tokens in and out, at $1 per 1M each: $2 exactly. */
const MILLION = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
const ONE_DOLLAR = { input: 1, output: 1 };

/** The dollar figure of a call: what the result says and what every tracker must record. */
function figure(call: LLMCallResult) {
  return { cost: call.cost, usage: call.usage, estimated: call.estimated, tokensInput: call.tokensInput, tokensOutput: call.tokensOutput, model: call.model, pricedWith: call.pricedWith };
}

function expectRecorded(result: LLMCallResult, ...trackers: CostTracker[]): void {
  for (const tracker of trackers) {
    expect(tracker.calls).toHaveLength(1);
    expect(figure(tracker.calls[0]!)).toEqual(figure(result));
  }
}

describe.each(PROVIDER_KINDS)("%s: a pricing row given to the provider prices its calls, in its result and in every tracker", (kind) => {
  const rig = useRig(kind);
  const pricing = { [MODELS[kind].id]: ONE_DOLLAR };

  it("complete(): $2 for 1M in + 1M out, in the result, its own tracker and a tracker of the call", async () => {
    const own = new CostTracker();
    const other = new CostTracker();
    rig.server.reply({ text: "ok", usage: MILLION });
    const result = await rig.provider({ tracker: own, pricing }).complete({ messages: QUESTION, callbacks: [other] });
    expect(result.cost).toBe(2);
    expect(result.pricedWith).toEqual({ source: "custom", model: MODELS[kind].id });
    expectRecorded(result, own, other);
  });

  it("stream(): the same $2 in the last chunk's result and in the tracker", async () => {
    const tracker = new CostTracker();
    rig.server.reply({ text: "ok then", usage: MILLION });
    const { chunks, error } = await drain(rig.provider({ tracker, pricing }).stream({ messages: QUESTION }));
    expect(error).toBeUndefined();
    const result = chunks.at(-1)!.result!;
    expect(result.cost).toBe(2);
    expectRecorded(result, tracker);
  });

  it("the provider's chat model used directly is priced by the provider's row in its tracker", async () => {
    const tracker = new CostTracker();
    rig.server.reply({ text: "ok", usage: MILLION });
    await rig.provider({ tracker, pricing }).chatModel.invoke("hi");
    expect(tracker.calls[0]).toMatchObject({ cost: 2, pricedWith: { source: "custom" } });
  });

  it("the tracker's own rows still price a provider that was given none", async () => {
    const tracker = new CostTracker({ pricing });
    rig.server.reply({ text: "ok", usage: MILLION });
    const result = await rig.provider({ tracker }).complete({ messages: QUESTION });
    expect(result.cost).toBe(2);
    expectRecorded(result, tracker);
  });
});

describe("openai: a stream whose first delta names no role (as some compatible servers send)", () => {
  const rig = useRig("openai");

  it("is priced from the reported usage, not estimated, in the result and the tracker", async () => {
    const tracker = new CostTracker();
    rig.server.reply({ text: "Paris is the capital.", omitRoleDelta: true, usage: { inputTokens: 1000, outputTokens: 500 } });
    const { chunks, text } = await drain(rig.provider({ tracker }).stream({ messages: QUESTION }));
    expect(text).toBe("Paris is the capital.");
    const result = chunks.at(-1)!.result!;
    expect(result).toMatchObject({ estimated: false, tokensInput: 1000, tokensOutput: 500, cost: expectedCost("openai", 1000, 500) });
    expectRecorded(result, tracker);
  });
});

describe("runnableFor(role) in a LangGraph graph: the tracker records the usage reported", () => {
  const servers = useOfflineServers();

  it("for a streamed node without an opening role delta and an invoked node, attributed to their nodes", async () => {
    const factory = new ProviderFactory({ env: servers.env });
    const State = Annotation.Root({ question: Annotation<string>(), reply: Annotation<string>() });
    const graph = new StateGraph(State)
      .addNode("streamed", async (state, config?: RunnableConfig) => {
        let reply = "";
        for await (const chunk of await factory.runnableFor(AgentRole.RAG).stream(state.question, config)) reply += String(chunk.content);
        return { reply };
      })
      .addNode("invoked", async (state, config?: RunnableConfig) => ({ reply: (await factory.runnableFor(AgentRole.DIRECT).invoke(state.reply, config)).text }))
      .addEdge(START, "streamed")
      .addEdge("streamed", "invoked")
      .addEdge("invoked", END)
      .compile();
    servers.openai.reply({ text: "Streamed answer.", omitRoleDelta: true, usage: { inputTokens: 800, outputTokens: 40 } });
    servers.bedrock.reply({ text: "Invoked answer.", usage: { inputTokens: 300, outputTokens: 20 } });
    await graph.invoke({ question: "Where?" });
    const byNode = Object.fromEntries(factory.tracker.calls.map((call) => [call.node, call]));
    expect(byNode.streamed).toMatchObject({ estimated: false, tokensInput: 800, tokensOutput: 40, cost: (800 * 10 + 40 * 30) / 1e6, role: "rag" });
    expect(byNode.invoked).toMatchObject({ estimated: false, tokensInput: 300, tokensOutput: 20, cost: (300 * 0.25 + 20 * 1.25) / 1e6, role: "direct" });
  });
});

describe("runnableFor(role).stream() left unread: billed at once, as estimated", () => {
  const servers = useOfflineServers();

  it.each([
    [AgentRole.RAG, "openai"],
    [AgentRole.DIRECT, "bedrock"],
  ] as const)("%s (%s): a break after the first text records the call before the next one starts", async (role, kind) => {
    const factory = new ProviderFactory({ env: servers.env });
    servers[kind].reply({ text: "One two three four five six seven eight nine ten.", stallAfterChunks: 3 });
    for await (const chunk of await factory.runnableFor(role).stream("Count to ten.")) {
      if (String(chunk.content) !== "") break;
    }
    expect(factory.tracker.calls).toHaveLength(1);
    const [call] = factory.tracker.calls;
    expect(call).toMatchObject({ estimated: true, role, priced: true });
    expect(call!.tokensInput).toBe(factory.forRole(role).countTokens({ messages: [{ role: "user", content: "Count to ten." }] }).input);
    expect(factory.tracker.totals().reservedUsd).toBe(0);
  });
});

describe.each(PROVIDER_KINDS)("%s: missing usage is counted locally, marked estimated and recorded — never a silent $0", (kind) => {
  const rig = useRig(kind);

  it.each(["absent", "empty", "null"] as const)("complete() with the usage block %s", async (usageBlock) => {
    const tracker = new CostTracker();
    const provider = rig.provider({ tracker });
    rig.server.reply({ text: "Paris is the capital of France.", usageBlock });
    const result = await provider.complete({ messages: QUESTION });
    const local = provider.countTokens({ messages: QUESTION, completion: "Paris is the capital of France." });
    expect(result).toMatchObject({ estimated: true, tokensInput: local.input, tokensOutput: local.output, cost: expectedCost(kind, local.input, local.output) });
    expect(result.cost).toBeGreaterThan(0);
    expectRecorded(result, tracker);
  });

  it.each(["absent", "empty", "null"] as const)("stream() with the usage block %s", async (usageBlock) => {
    const tracker = new CostTracker();
    const provider = rig.provider({ tracker });
    rig.server.reply({ text: "Paris is the capital.", usageBlock });
    const { chunks, text } = await drain(provider.stream({ messages: QUESTION }));
    const local = provider.countTokens({ messages: QUESTION, completion: text });
    const result = chunks.at(-1)!.result!;
    expect(result).toMatchObject({ estimated: true, tokensInput: local.input, tokensOutput: local.output });
    expect(chunks.reduce((sum, chunk) => sum + chunk.tokensOutput, 0)).toBe(result.tokensOutput);
    expectRecorded(result, tracker);
  });

  it("a $0.001 budget stops calls whose bodies carry no usage", async () => {
    const tracker = new CostTracker({ budgetUsd: 0.001, reserveOutputTokens: 0 });
    const provider = rig.provider({ tracker });
    const long = "Paris ".repeat(400);
    let sent = 0;
    for (; sent < 100; sent += 1) {
      rig.server.reply({ text: long, usageBlock: "absent" });
      const outcome = await provider.complete({ messages: QUESTION }).catch((error: unknown) => error);
      if (!(outcome as LLMCallResult).estimated) break;
    }
    expect(sent).toBeLessThan(100);
    expect(rig.server.requests).toHaveLength(sent);
    expect(tracker.totals().costUsd).toBeGreaterThanOrEqual(0.001);
    expect(tracker.totals().estimated).toBe(sent);
  });

  it("a stream cut after the provider accepted it, before any text, bills its input as estimated", async () => {
    const tracker = new CostTracker();
    const provider = rig.provider({ tracker });
    rig.server.reply({ text: "Paris.", cutAfterChunks: 0 });
    const { text, error } = await drain(provider.stream({ messages: QUESTION }));
    expect(text).toBe("");
    expect(error).toBeInstanceOf(ProviderError);
    const partial = (error as ProviderError).partial!;
    expect(partial).toMatchObject({ estimated: true, tokensOutput: 0, tokensInput: provider.countTokens({ messages: QUESTION }).input });
    expect(partial.cost).toBeGreaterThan(0);
    expectRecorded(partial, tracker);
  });

  it("a body that cannot be read bills its input as estimated; an HTTP error bills nothing", async () => {
    const tracker = new CostTracker();
    const provider = rig.provider({ tracker });
    rig.server.reply({ text: "Paris.", malformed: true });
    const error = await failureOf(() => provider.complete({ messages: QUESTION }));
    expect(error).toMatchObject({ reason: "malformed", partial: { estimated: true, tokensOutput: 0 } });
    expectRecorded((error as ProviderError).partial!, tracker);
    rig.server.reply({ error: { status: 400, message: "bad request" } });
    await failureOf(() => provider.complete({ messages: QUESTION }));
    expect(tracker.calls).toHaveLength(1);
    expect(tracker.totals().reservedUsd).toBe(0);
  });
});

describe("openai: the price falls back to the requested model when the answered one has no row", () => {
  const rig = useRig("openai");

  it("prices an answer from an unlisted snapshot at the requested model's row", async () => {
    const tracker = new CostTracker();
    rig.server.reply({ text: "ok", model: "gpt-4o-custom-snapshot", usage: { inputTokens: 1000, outputTokens: 100 } });
    const result = await rig.provider({ tracker }).complete({ messages: QUESTION });
    expect(result).toMatchObject({ model: "gpt-4o-custom-snapshot", cost: expectedCost("openai", 1000, 100), pricedWith: { source: "built-in", model: "gpt-4o" } });
    expect((tracker.calls[0] as TrackedCall).requestedModel).toBe("gpt-4o");
  });

  it("a usage block whose cached tokens exceed its input is malformed: estimated on `partial` and recorded so", async () => {
    const tracker = new CostTracker();
    const provider = rig.provider({ tracker });
    rig.server.reply({ text: "ok", usage: { inputTokens: 10, cacheReadTokens: 20, outputTokens: 1 } });
    const error = await failureOf(() => provider.complete({ messages: QUESTION }));
    expect(error).toMatchObject({ reason: "malformed", partial: { estimated: true } });
    expect((error as ProviderError).message).toContain("usage cache tokens (20) exceed input tokens (10)");
    expectRecorded((error as ProviderError).partial!, tracker);
  });
});
