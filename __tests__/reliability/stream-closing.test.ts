import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { ProviderError } from "../../src/errors";
import { toBaseMessages } from "../../src/messages";
import type { ProviderFactory } from "../../src/factory";
import { drain, eventually, outcomeOf, QUESTION } from "./support/outcomes";
import { PROVIDER_KINDS, ROLES, useRig, type ProviderKind } from "./support/rigs";

/** Twelve words: a stream that stalls after two of them is still open when the consumer leaves it. */
const ANSWER = "one two three four five six seven eight nine ten eleven twelve";
/** More streams than the Bedrock client's pool has sockets (256): a leak would block the next call. */
const ABANDONED = 300;
const WAVE = 20;

/** The question as LangChain messages, for the chat models. */
const PROMPT = toBaseMessages(QUESTION);

const State = Annotation.Root({ answer: Annotation<string>() });

/** A one-node graph whose node calls `model` with the graph's config, as LangGraph nodes do. */
function graphOf(model: BaseChatModel) {
  return new StateGraph(State)
    .addNode("respond", async (_state, config) => ({ answer: (await model.invoke(PROMPT, config)).text }))
    .addEdge(START, "respond")
    .addEdge("respond", END)
    .compile();
}

/** A one-node graph whose node streams `model` and keeps only the first text (an agent that has heard enough). */
function firstTextGraphOf(model: BaseChatModel) {
  return new StateGraph(State)
    .addNode("respond", async (_state, config) => {
      for await (const chunk of await model.stream(PROMPT, config)) if (chunk.text !== "") return { answer: chunk.text };
      return { answer: "" };
    })
    .addEdge(START, "respond")
    .addEdge("respond", END)
    .compile();
}

/** The ways to read a role's stream, each stopping (break, return) after the first text. */
const LEAVE_AFTER_FIRST_TEXT: Record<string, (factory: ProviderFactory, kind: ProviderKind) => Promise<void>> = {
  "provider.stream()": async (factory, kind) => {
    for await (const chunk of factory.forRole(ROLES[kind]).stream({ messages: QUESTION })) if (chunk.content !== "") break;
  },
  "runnableFor(role).stream()": async (factory, kind) => {
    for await (const chunk of await factory.runnableFor(ROLES[kind]).stream(PROMPT)) if (chunk.text !== "") break;
  },
  'LangGraph graph.stream() in "messages" mode, left by its consumer': async (factory, kind) => {
    const graph = graphOf(factory.runnableFor(ROLES[kind]));
    for await (const [message] of await graph.stream({ answer: "" }, { streamMode: "messages" })) if (message.text !== "") break;
  },
  'LangGraph graph.stream() in "messages" mode, a node leaving its model\'s stream': async (factory, kind) => {
    const graph = firstTextGraphOf(factory.runnableFor(ROLES[kind]));
    for await (const _event of await graph.stream({ answer: "" }, { streamMode: "messages" }));
  },
};

describe.each(PROVIDER_KINDS)("%s: a stream left early closes its connection", (kind) => {
  const rig = useRig(kind);
  // Builds the tokenizers of both sides (seconds of CPU once per process) before any time limit runs.
  beforeAll(() => drain(rig.provider().stream({ messages: QUESTION })));
  const aborted = (): number => rig.server.requests.filter((request) => request.aborted).length;

  // LangGraph cancels the node's signal when its consumer leaves, which any number of streams shows:
  // fewer of those keep the suite fast; the other paths close through the generator's return.
  it.each(Object.keys(LEAVE_AFTER_FIRST_TEXT).map((path) => [path, path.endsWith("left by its consumer") ? 60 : ABANDONED] as const))(
    "through %s: %i slow streams left after their first text are each closed, and a normal call then succeeds at once",
    async (path, count) => {
      const factory = rig.factory({ timeoutMs: 5_000 });
      rig.server.reply({ text: ANSWER, stallAfterChunks: 2, times: count });
      // 20 at a time; more than the pool's 256 sockets in all, so leaked connections would block the later ones.
      for (let wave = 0; wave < count; wave += WAVE) {
        await Promise.all(Array.from({ length: Math.min(WAVE, count - wave) }, () => LEAVE_AFTER_FIRST_TEXT[path]!(factory, kind)));
      }
      expect(await eventually(() => aborted() === count, 1_000)).toBe(true);

      const { value, error, elapsedMs } = await outcomeOf(() => factory.forRole(ROLES[kind]).complete({ messages: QUESTION }));
      expect(error).toBeUndefined();
      expect(value?.content).toBe("Stand-in reply to: What is the capital of France?");
      expect(elapsedMs).toBeLessThan(1_000);
      expect(rig.server.requests).toHaveLength(count + 1);
      expect(aborted()).toBe(count);
    },
    60_000,
  );

  /** Ways to leave a stream part-way other than `break`: what each does after the first text, and the error it ends in. */
  const LEAVINGS: [string, (controller: AbortController) => void, { reason?: string; thrown?: string }][] = [
    ["an exception in the loop body", () => { throw new Error("the consumer gave up"); }, { thrown: "the consumer gave up" }],
    ["the caller's abort", (controller) => controller.abort(), { reason: "aborted" }],
    ["the time limit", () => undefined, { reason: "timeout" }],
  ];

  it.each(LEAVINGS)("closes a stream left by %s within a second, through provider.stream() and runnableFor(role).stream()", async (_how, afterFirstText, ending) => {
    const factory = rig.factory({ timeoutMs: 400 });
    const streams = [
      (signal: AbortSignal) => factory.forRole(ROLES[kind]).stream({ messages: QUESTION, signal }),
      async function* (signal: AbortSignal) {
        for await (const chunk of await factory.runnableFor(ROLES[kind]).stream(PROMPT, { signal })) if (chunk.text !== "") yield { content: chunk.text, tokensOutput: 0 };
      },
    ];
    for (const [index, open] of streams.entries()) {
      rig.server.reply({ text: ANSWER, stallAfterChunks: 2 });
      const controller = new AbortController();
      const { text, error } = await drain(open(controller.signal), (count) => {
        if (count === 1) afterFirstText(controller);
      });
      const endedAt = performance.now();
      expect(text.length).toBeGreaterThan(0);
      if (ending.thrown !== undefined) expect((error as Error).message).toBe(ending.thrown);
      else {
        expect(error).toBeInstanceOf(ProviderError);
        expect(error).toMatchObject({ provider: kind, reason: ending.reason });
      }
      expect(await eventually(() => rig.server.requests[index]?.aborted === true, 1_000)).toBe(true);
      expect(performance.now() - endedAt).toBeLessThan(1_000);
    }
    expect(rig.server.requests).toHaveLength(2);
  });
});
