import { Runnable } from "@langchain/core/runnables";
import { ChatBedrockConverse } from "@langchain/aws";
import { ChatOpenAI } from "@langchain/openai";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { z } from "zod";
import { HumanMessage } from "@langchain/core/messages";
import { InputError, LLMError, ProviderError } from "../../src/errors";
import { toBaseMessages } from "../../src/messages";
import type { ScriptedReply } from "../../src/testing/stand-in-types";
import { CallbackRecorder } from "./support/callback-recorder";
import { drain, failureOf, QUESTION } from "./support/outcomes";
import { MODELS, PROVIDER_KINDS, ROLES, useRig } from "./support/rigs";

const PROMPT = toBaseMessages(QUESTION);

/** Failures no retry changes (the factory's providers retry twice), each with what the error must say. */
const FAILURES: [string, ScriptedReply, { reason: string; status?: number }][] = [
  ["a 400", { error: { status: 400 } }, { reason: "http", status: 400 }],
  ["a 401", { error: { status: 401 } }, { reason: "http", status: 401 }],
  ["a 403", { error: { status: 403 } }, { reason: "http", status: 403 }],
  ["a body that is not JSON", { malformed: true }, { reason: "malformed", status: 200 }],
  ["an HTML page with status 200", { notTheApi: true }, { reason: "malformed", status: 200 }],
];

/** The fields two errors of the same failure share. */
function essentials(error: unknown) {
  const { provider, model, reason, status, retryable } = error as ProviderError;
  return { type: error?.constructor, provider, model, reason, status, retryable, cause: (error as Error).cause?.constructor };
}

describe.each(PROVIDER_KINDS)("%s: the chat model runnableFor returns throws ProviderError, as complete() does", (kind) => {
  const rig = useRig(kind);

  it(`is the real ${kind === "openai" ? "ChatOpenAI" : "ChatBedrockConverse"}`, () => {
    const model = rig.factory().runnableFor(ROLES[kind]);
    expect(model).toBeInstanceOf(kind === "openai" ? ChatOpenAI : ChatBedrockConverse);
    expect(model.bindTools([{ name: "f", description: "d", schema: { type: "object", properties: {} } }])).toBeInstanceOf(Runnable);
  });

  it.each(FAILURES)("invoke() on %s: the same ProviderError as complete(), the SDK's error as cause, and the same error in handleLLMError", async (_case, reply, expected) => {
    const factory = rig.factory();
    rig.server.reply(reply);
    const fromComplete = await failureOf(() => factory.forRole(ROLES[kind]).complete({ messages: QUESTION }));
    rig.server.reply(reply);
    const recorder = new CallbackRecorder();
    const fromInvoke = await failureOf(() => factory.runnableFor(ROLES[kind]).invoke(PROMPT, { callbacks: [recorder] }));

    expect(fromInvoke).toBeInstanceOf(ProviderError);
    expect(fromInvoke).toBeInstanceOf(LLMError);
    expect(fromInvoke).toMatchObject({ provider: kind, model: MODELS[kind].id, reason: expected.reason, status: expected.status, retryable: false });
    expect((fromInvoke as ProviderError).cause).toBeInstanceOf(Error);
    expect(essentials(fromInvoke)).toEqual(essentials(fromComplete));
    expect(recorder.errors).toEqual([fromInvoke]);
    expect(recorder.errors[0]).toBe(fromInvoke);
    expect(rig.server.requests).toHaveLength(2);
  });

  it.each([
    ["a stream cut mid-way", { text: "one two three four five six", cutAfterChunks: 2 }, "stream"],
    ["an in-stream error event", { text: "one two three four", streamException: { type: kind === "openai" ? "server_error" : "modelStreamErrorException", afterChunks: 2 } }, "stream"],
    ["an HTML page with status 200", { notTheApi: true }, "malformed"],
  ] satisfies [string, ScriptedReply, string][])("stream() on %s: the same reason as provider.stream()", async (_case, reply, reason) => {
    const factory = rig.factory();
    rig.server.reply(reply);
    const { error: fromProvider } = await drain(factory.forRole(ROLES[kind]).stream({ messages: QUESTION }));
    rig.server.reply(reply);
    const fromRunnable = await failureOf(async () => {
      for await (const _chunk of await factory.runnableFor(ROLES[kind]).stream(PROMPT));
    });
    expect(fromRunnable).toBeInstanceOf(ProviderError);
    expect(fromRunnable).toMatchObject({ provider: kind, reason });
    expect(essentials(fromRunnable)).toEqual(essentials(fromProvider));
  });

  it("a call the caller's signal gives up is a ProviderError through invoke() and stream(): \"timeout\" for AbortSignal.timeout(), \"aborted\" for abort()", async () => {
    const model = rig.factory().runnableFor(ROLES[kind]);
    rig.server.reply({ hang: true, times: 2 });
    const invoked = await failureOf(() => model.invoke(PROMPT, { signal: AbortSignal.timeout(150) }));
    const streamed = await failureOf(async () => {
      for await (const _chunk of await model.stream(PROMPT, { signal: AbortSignal.timeout(150) }));
    });
    for (const error of [invoked, streamed]) {
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ provider: kind, reason: "timeout", retryable: true });
    }
    const controller = new AbortController();
    rig.server.reply({ hang: true });
    setTimeout(() => controller.abort(), 100);
    const aborted = await failureOf(() => model.invoke(PROMPT, { signal: controller.signal }));
    expect(aborted).toBeInstanceOf(ProviderError);
    expect(aborted).toMatchObject({ provider: kind, reason: "aborted", retryable: false });
  });

  it("a blank message is an InputError before any request, through invoke() and stream()", async () => {
    const model = rig.factory().runnableFor(ROLES[kind]);
    const blank = [new HumanMessage(" ")];
    const invoked = await failureOf(() => model.invoke(blank));
    const streamed = await failureOf(async () => {
      for await (const _chunk of await model.stream(blank));
    });
    for (const error of [invoked, streamed]) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toBe("messages[0].content is empty: give every message some text (the providers refuse blank messages).");
    }
    expect(rig.server.requests).toHaveLength(0);
  });

  it("streamEvents() (LangChain's content-block events) gives the answer, or the same ProviderError", async () => {
    const model = rig.factory().runnableFor(ROLES[kind]);
    rig.server.reply({ text: "Paris." });
    expect((await model.streamEvents(PROMPT)).text).toBe("Paris.");
    rig.server.reply({ error: { status: 400, message: "scripted 400 answer" } });
    const error = await failureOf(async () => model.streamEvents(PROMPT));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: kind, status: 400, reason: "http" });
  });

  it("bindTools(), withStructuredOutput() and a LangGraph node throw the same ProviderError on a 400", async () => {
    const model = rig.factory().runnableFor(ROLES[kind]);
    const schema = z.object({ city: z.string() });
    const State = Annotation.Root({ answer: Annotation<string>() });
    const graph = new StateGraph(State)
      .addNode("respond", async (_state, config) => ({ answer: (await model.invoke(PROMPT, config)).text }))
      .addEdge(START, "respond")
      .addEdge("respond", END)
      .compile();
    const runs = [
      () => model.bindTools([{ name: "lookup", description: "Looks a city up.", schema }]).invoke(PROMPT),
      () => model.withStructuredOutput(schema).invoke(PROMPT),
      () => graph.invoke({ answer: "" }),
    ];
    for (const run of runs) {
      rig.server.reply({ error: { status: 400, message: "scripted 400 answer" } });
      const error = await failureOf(run);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ provider: kind, status: 400, reason: "http", retryable: false });
      expect((error as ProviderError).message).toContain("scripted 400 answer");
    }
    expect(rig.server.requests).toHaveLength(runs.length);
  });
});
