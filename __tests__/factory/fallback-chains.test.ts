import { ChatBedrockConverse } from "@langchain/aws";
import { HumanMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import { ProviderError } from "../../src/errors";
import { AgentRole, ProviderFactory } from "../../src/factory";
import { FallbackChatModel } from "../../src/providers/fallback/fallback-chat-model";
import { rejectionOf } from "../helpers/rejection";
import { useOfflineServers } from "../helpers/stand-ins";

/** USD per 1M tokens, from the providers' price pages (not read from the package). */
const HAIKU = { input: 0.25, output: 1.25 };
const GPT_4O_MINI = { input: 0.15, output: 0.6 };
const M = 1_000_000;

const HAIKU_ID = "us.anthropic.claude-3-haiku-20240307-v1:0";
const CHAIN = `${HAIKU_ID},gpt-4o-mini`;
const THROTTLED = { error: { status: 429, type: "ThrottlingException" } };

const servers = useOfflineServers();

/** A factory whose DIRECT role is Claude 3 Haiku on Bedrock, falling back to gpt-4o-mini on OpenAI; one retry per provider. */
function chainFactory(): ProviderFactory {
  return new ProviderFactory({ env: { ...servers.env, DEFAULT_DIRECT_MODEL: CHAIN }, maxRetries: 1 });
}

const question = [new HumanMessage("Where is my order?")];

describe("a role whose variable names a fallback chain", () => {
  test("runnableFor is a FallbackChatModel over the chain; a single-model role keeps its vendor's own class", () => {
    const factory = new ProviderFactory({ env: { ...servers.env, DEFAULT_DIRECT_MODEL: CHAIN, DEFAULT_RAG_MODEL: "gpt-4o" } });
    const direct = factory.runnableFor(AgentRole.DIRECT);
    expect(direct).toBeInstanceOf(FallbackChatModel);
    expect((direct as FallbackChatModel).chain.members.map((member) => member.label)).toEqual([`bedrock:${HAIKU_ID}`, "openai:gpt-4o-mini"]);
    expect(factory.runnableFor(AgentRole.DIRECT)).toBe(direct);
    expect(factory.runnableFor(AgentRole.RAG)).toBeInstanceOf(ChatOpenAI);
    expect(factory.runnableFor(AgentRole.CAG)).toBeInstanceOf(ChatBedrockConverse);
    expect(factory.modelFor(AgentRole.DIRECT)).toBe(HAIKU_ID);
  });

  test("Bedrock throttled (after its own retry) → OpenAI answers; only the answer is billed, under the role, as a fallback", async () => {
    const factory = chainFactory();
    servers.bedrock.reply({ ...THROTTLED, times: 2 });
    servers.openai.reply({ text: "It ships today.", usage: { inputTokens: 120, outputTokens: 30 } });
    const answer = await factory.runnableFor(AgentRole.DIRECT).invoke(question);
    expect(answer.text).toBe("It ships today.");
    expect(servers.bedrock.requests.map((request) => request.operation)).toEqual(["converse", "converse"]);
    expect(servers.openai.requests.map((request) => request.modelId)).toEqual(["gpt-4o-mini"]);
    const [call, ...others] = factory.tracker.calls;
    expect(others).toEqual([]);
    expect([call?.provider, call?.model, call?.role, call?.fellBackFrom]).toEqual(["openai", "gpt-4o-mini-2024-07-18", "direct", [`bedrock:${HAIKU_ID}`]]);
    expect(call?.cost).toBeCloseTo((120 * GPT_4O_MINI.input + 30 * GPT_4O_MINI.output) / M, 15);
    expect(factory.tracker.totals().reservedUsd).toBe(0);
  });

  test("each provider's calls are priced at its own model's rates, and the totals add up exactly", async () => {
    const factory = chainFactory();
    servers.bedrock.reply({ text: "From Bedrock.", usage: { inputTokens: 1000, outputTokens: 200 } });
    servers.bedrock.reply({ ...THROTTLED, times: 2 });
    servers.openai.reply({ text: "From OpenAI.", usage: { inputTokens: 700, outputTokens: 90 } });
    const model = factory.runnableFor(AgentRole.DIRECT);
    expect([(await model.invoke(question)).text, (await model.invoke(question)).text]).toEqual(["From Bedrock.", "From OpenAI."]);
    const haiku = (1000 * HAIKU.input + 200 * HAIKU.output) / M;
    const mini = (700 * GPT_4O_MINI.input + 90 * GPT_4O_MINI.output) / M;
    const { byModel, byRole, costUsd, calls } = factory.tracker.totals();
    expect(factory.tracker.calls.map((call) => [call.provider, call.fellBackFrom])).toEqual([
      ["bedrock", undefined],
      ["openai", [`bedrock:${HAIKU_ID}`]],
    ]);
    expect(byModel[HAIKU_ID]?.costUsd).toBeCloseTo(haiku, 15);
    expect(byModel["gpt-4o-mini-2024-07-18"]?.costUsd).toBeCloseTo(mini, 15);
    expect([calls, byRole.direct?.calls]).toEqual([2, 2]);
    expect(costUsd).toBeCloseTo(haiku + mini, 15);
  });

  test("a 400 is not retried nor fallen back from: the caller gets Bedrock's ProviderError, OpenAI sees nothing", async () => {
    const factory = chainFactory();
    servers.bedrock.reply({ error: { status: 400, type: "ValidationException", message: "messages: text content blocks must be non-empty" } });
    const error = await rejectionOf(factory.runnableFor(AgentRole.DIRECT).invoke(question), ProviderError);
    expect([error.provider, error.status, error.retryable]).toEqual(["bedrock", 400, false]);
    expect(servers.bedrock.requests).toHaveLength(1);
    expect(servers.openai.requests).toEqual([]);
    expect(factory.tracker.calls).toEqual([]);
  });

  test("when every model fails with a retryable error, the last model's error is thrown", async () => {
    const factory = chainFactory();
    servers.bedrock.reply({ ...THROTTLED, times: 2 });
    servers.openai.reply({ error: { status: 503 }, times: 2 });
    const error = await rejectionOf(factory.forRole(AgentRole.DIRECT).complete({ messages: [{ role: "user", content: "hi" }] }), ProviderError);
    expect([error.provider, error.status]).toEqual(["openai", 503]);
    expect([servers.bedrock.requests.length, servers.openai.requests.length]).toEqual([2, 2]);
  });

  test("forRole(role).complete() and .stream() follow the same chain", async () => {
    const factory = chainFactory();
    const provider = factory.forRole(AgentRole.DIRECT);
    expect([provider.provider, provider.model]).toEqual(["bedrock", HAIKU_ID]);
    servers.bedrock.reply({ ...THROTTLED, times: 2 });
    servers.openai.reply({ text: "Completed by OpenAI.", usage: { inputTokens: 50, outputTokens: 10 } });
    const result = await provider.complete({ messages: [{ role: "user", content: "hi" }] });
    expect([result.provider, result.model, result.content]).toEqual(["openai", "gpt-4o-mini-2024-07-18", "Completed by OpenAI."]);
    servers.bedrock.reply({ ...THROTTLED, times: 2 });
    servers.openai.reply({ text: "Streamed by OpenAI.", usage: { inputTokens: 50, outputTokens: 12 } });
    const chunks = [];
    for await (const chunk of provider.stream({ messages: [{ role: "user", content: "hi" }] })) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.content).join("")).toBe("Streamed by OpenAI.");
    expect(chunks.at(-1)?.result?.provider).toBe("openai");
    expect(factory.tracker.calls.map((call) => [call.provider, call.role, call.fellBackFrom?.length])).toEqual([
      ["openai", "direct", 1],
      ["openai", "direct", 1],
    ]);
    expect([servers.bedrock.requests.length, servers.openai.requests.length]).toEqual([4, 2]);
  });
});
