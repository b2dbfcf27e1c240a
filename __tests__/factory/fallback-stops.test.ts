import { AIMessageChunk, HumanMessage } from "@langchain/core/messages";
import { ProviderError } from "../../src/errors";
import { AgentRole, ProviderFactory } from "../../src/factory";
import type { FallbackChatModel } from "../../src/providers/fallback/fallback-chat-model";
import { rejectionOf } from "../helpers/rejection";
import { respondGraph } from "../helpers/respond-graph";
import { useOfflineServers } from "../helpers/stand-ins";

const HAIKU_ID = "us.anthropic.claude-3-haiku-20240307-v1:0";
const servers = useOfflineServers();

/** DIRECT: Claude 3 Haiku on Bedrock, then gpt-4o-mini on OpenAI; no retries; each attempt limited to 800 ms. */
function chainFactory(): ProviderFactory {
  return new ProviderFactory({ env: { ...servers.env, DEFAULT_DIRECT_MODEL: `${HAIKU_ID},gpt-4o-mini` }, maxRetries: 0, timeoutMs: 800 });
}

const STALLS_AFTER_TWO = { text: "Bedrock begins a long answer about the parcel.", stallAfterChunks: 2 };

describe("a fallback chain never falls back once an attempt's answer has begun", () => {
  test("a LangGraph node's invoke, streamed as messages: Bedrock stalls after two chunks, times out, and OpenAI is never asked", async () => {
    const factory = chainFactory();
    const graph = respondGraph(factory.runnableFor(AgentRole.DIRECT));
    servers.bedrock.reply(STALLS_AFTER_TWO);
    servers.openai.reply({ text: "OpenAI answer." });
    const tokens: string[] = [];
    const run = async () => {
      for await (const [message] of await graph.stream({ question: "Where is my order?" }, { streamMode: "messages", callbacks: [factory.tracker] })) {
        if (message instanceof AIMessageChunk) tokens.push(message.text);
      }
    };
    const error = await rejectionOf(run(), ProviderError);
    expect([error.provider, error.reason]).toEqual(["bedrock", "timeout"]);
    expect(tokens.join("")).not.toContain("OpenAI");
    expect(servers.openai.requests).toEqual([]);
    expect(factory.tracker.calls.map((call) => [call.provider, call.estimated])).toEqual([["bedrock", true]]);
  });

  test("forRole().complete() with a streaming handler: no fallback after the handler was given tokens", async () => {
    const factory = chainFactory();
    servers.bedrock.reply(STALLS_AFTER_TWO);
    servers.openai.reply({ text: "OpenAI answer." });
    const seen: string[] = [];
    const handler = { lc_prefer_streaming: true, handleLLMNewToken: (token: string) => void seen.push(token) };
    const error = await rejectionOf(factory.forRole(AgentRole.DIRECT).complete({ messages: [{ role: "user", content: "hi" }], callbacks: [handler] }), ProviderError);
    expect([error.provider, error.reason]).toEqual(["bedrock", "timeout"]);
    expect(seen.join("")).not.toBe("");
    expect(servers.openai.requests).toEqual([]);
  });

  test("forRole().stream(): a stream that stalls after its first chunks and times out does not fall back", async () => {
    const factory = chainFactory();
    servers.bedrock.reply(STALLS_AFTER_TWO);
    servers.openai.reply({ text: "OpenAI answer." });
    let text = "";
    const read = async () => {
      for await (const chunk of factory.forRole(AgentRole.DIRECT).stream({ messages: [{ role: "user", content: "hi" }] })) text += chunk.content;
    };
    const error = await rejectionOf(read(), ProviderError);
    expect([error.provider, error.reason]).toEqual(["bedrock", "timeout"]);
    expect(text).not.toContain("OpenAI");
    expect(servers.openai.requests).toEqual([]);
  });
});

describe("a caller's deadline or abort stops the chain", () => {
  /** DIRECT's chain; breakers open after a single failure, so any failure counted shows. */
  function factoryOpeningAtOnce(): ProviderFactory {
    return new ProviderFactory({ env: { ...servers.env, DEFAULT_DIRECT_MODEL: `${HAIKU_ID},gpt-4o-mini` }, maxRetries: 0, breaker: { failureThreshold: 1 } });
  }

  const open = (model: FallbackChatModel) => model.chain.members.map((member) => member.breaker.open);

  test.each([
    ["an AbortSignal.timeout the caller passed", () => ({ signal: AbortSignal.timeout(300) })],
    ["LangChain's timeout call option", () => ({ timeout: 300 })],
  ])("%s: Bedrock's attempt ends, OpenAI is never tried, no breaker counts it", async (_, callOptions) => {
    const factory = factoryOpeningAtOnce();
    servers.bedrock.reply({ text: "Late.", delayMs: 3000 });
    servers.openai.reply({ text: "OpenAI answer." });
    const model = factory.runnableFor(AgentRole.DIRECT) as FallbackChatModel;
    const error = await rejectionOf(model.invoke([new HumanMessage("hi")], callOptions()), ProviderError);
    expect(error.provider).toBe("bedrock");
    expect(servers.openai.requests).toEqual([]);
    expect(open(model)).toEqual([false, false]);
  });

  test("forRole().complete() and .stream() with a caller's signal that fires: no further attempt", async () => {
    const factory = factoryOpeningAtOnce();
    servers.bedrock.reply({ text: "Late.", delayMs: 3000, times: 2 });
    servers.openai.reply({ text: "OpenAI answer.", times: 2 });
    const provider = factory.forRole(AgentRole.DIRECT);
    const messages = [{ role: "user" as const, content: "hi" }];
    const completed = await rejectionOf(provider.complete({ messages, signal: AbortSignal.timeout(300) }), ProviderError);
    const read = async () => {
      for await (const _chunk of provider.stream({ messages, signal: AbortSignal.timeout(300) })) void _chunk;
    };
    const streamed = await rejectionOf(read(), ProviderError);
    expect([completed.provider, streamed.provider]).toEqual(["bedrock", "bedrock"]);
    expect(servers.openai.requests).toEqual([]);
    expect(open(factory.runnableFor(AgentRole.DIRECT) as FallbackChatModel)).toEqual([false, false]);
  });

  test("the model's own time limit (the factory's timeoutMs) still falls back", async () => {
    const factory = new ProviderFactory({ env: { ...servers.env, DEFAULT_DIRECT_MODEL: `${HAIKU_ID},gpt-4o-mini` }, maxRetries: 0, timeoutMs: 2000 });
    servers.bedrock.reply({ text: "Late.", delayMs: 6000 });
    servers.openai.reply({ text: "OpenAI answer." });
    expect((await factory.runnableFor(AgentRole.DIRECT).invoke([new HumanMessage("hi")])).text).toBe("OpenAI answer.");
  });
});

describe("a chain's error names the model that failed and keeps the earlier attempts'", () => {
  const THROTTLED = { error: { status: 429, type: "ThrottlingException" } };

  test("every model fails: the last attempt's ProviderError, the earlier attempts' errors on it", async () => {
    const factory = new ProviderFactory({ env: { ...servers.env, DEFAULT_DIRECT_MODEL: `${HAIKU_ID},gpt-4o-mini` }, maxRetries: 0 });
    servers.bedrock.reply(THROTTLED);
    servers.openai.reply({ error: { status: 503 } });
    const error = await rejectionOf(factory.runnableFor(AgentRole.DIRECT).invoke([new HumanMessage("hi")]), ProviderError);
    expect([error.provider, error.model, error.status, error.retryable]).toEqual(["openai", "gpt-4o-mini", 503, true]);
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.cause).not.toBe(error);
    expect(error.earlierAttempts?.map((earlier) => [earlier.provider, earlier.model, earlier.status])).toEqual([["bedrock", HAIKU_ID, 429]]);
    expect(error.message).toContain(`Tried before it in the fallback chain: bedrock:${HAIKU_ID} (HTTP 429).`);
  });

  test("a stream whose caller aborts while the second model is attempted: the error is that model's", async () => {
    const factory = new ProviderFactory({ env: { ...servers.env, DEFAULT_DIRECT_MODEL: `${HAIKU_ID},gpt-4o-mini` }, maxRetries: 0 });
    servers.bedrock.reply(THROTTLED);
    servers.openai.reply({ hang: true });
    const read = async () => {
      for await (const _chunk of await factory.runnableFor(AgentRole.DIRECT).stream([new HumanMessage("hi")], { signal: AbortSignal.timeout(1000) })) void _chunk;
    };
    const error = await rejectionOf(read(), ProviderError);
    expect([error.provider, error.model]).toEqual(["openai", "gpt-4o-mini"]);
    expect(error.earlierAttempts?.map((earlier) => earlier.provider)).toEqual(["bedrock"]);
    expect(servers.openai.requests).toHaveLength(1);
  });
});
