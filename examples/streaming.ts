/**
 * Streaming with the cost at the end: tokens streamed out of a LangGraph node (the direct role,
 * Claude 3 Haiku on Bedrock) with `streamMode: "messages"`, then a provider's own `stream()` (the
 * RAG role, gpt-4-turbo) whose last chunk carries the priced result. The tracker's `onResult`
 * shows each call's cost arriving once its stream has ended.
 *
 *   npm run example:streaming             # offline, on the package's stand-in servers
 *   npm run example:streaming -- --live   # real APIs, with your credentials
 */
import { HumanMessage, SystemMessage, type AIMessageChunk } from "@langchain/core/messages";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { AgentRole, ProviderFactory } from "../src/factory";
import { formatCost } from "../src/pricing";
import { CostTracker } from "../src/tracking/cost-tracker";
import type { CostTotals } from "../src/tracking/totals";
import type { LLMCallResult } from "../src/types";
import type { StandIns } from "../src/testing";
import { offlineOrLive, runFromCommandLine } from "./run-example";

/** Something that happened during the run, in order: a streamed token or a recorded cost. */
export type StreamEvent = { kind: "token"; source: string; text: string } | { kind: "cost"; role: string; model: string; costUsd: number };

const GraphState = Annotation.Root({ question: Annotation<string>(), answer: Annotation<string>() });

/** The question streamed from the graph node. */
export const GRAPH_QUESTION = "Explain in three sentences why streaming makes a chat feel fast.";
/** The question streamed with `provider.stream()`. */
export const PROVIDER_QUESTION = "Give two tips for writing a good bug report.";

/** A graph with one node, "respond", on the direct role. */
export function buildAnswerGraph(factory: ProviderFactory) {
  return new StateGraph(GraphState)
    .addNode("respond", async (state, config) => {
      const reply = await factory.runnableFor(AgentRole.DIRECT).invoke([new SystemMessage("Answer briefly."), new HumanMessage(state.question)], config);
      return { answer: reply.text };
    })
    .addEdge(START, "respond")
    .addEdge("respond", END)
    .compile();
}

/** What a run of the example returns. */
export interface StreamingRun {
  where: string;
  /** Everything, in the order it happened. */
  events: StreamEvent[];
  /** The text streamed out of the graph node. */
  graphText: string;
  /** The last chunk's `result` of `provider.stream()`. */
  providerResult: LLMCallResult;
  totals: CostTotals;
  report: string;
}

/** Options of {@link main}. */
export interface StreamingOptions {
  live?: boolean;
  /** Receives the printed text as it streams (default: nothing is printed). */
  print?: (text: string) => void;
}

/** Offline replies long enough to arrive in many chunks. */
export const OFFLINE_TEXTS = {
  graph: "Streaming shows the first words at once. Readers start while the model is still writing. The wait feels shorter.",
  provider: "Say what you expected and what happened. List the exact steps that reproduce it.",
};

/** Queues the stand-ins' replies to the two streamed calls. */
export function scriptOfflineStreaming(standIns: StandIns): void {
  standIns.bedrock.reply({ text: OFFLINE_TEXTS.graph });
  standIns.openai.reply({ text: OFFLINE_TEXTS.provider });
}

async function streamBoth(where: string, env: Record<string, string | undefined> | undefined, print: (text: string) => void): Promise<StreamingRun> {
  const events: StreamEvent[] = [];
  const tracker = new CostTracker({
    onResult: (call) => {
      events.push({ kind: "cost", role: call.role ?? "-", model: call.model, costUsd: call.cost });
      print(`\n[cost ${call.role}: ${formatCost(call.cost)} for ${call.tokensInput} in / ${call.tokensOutput} out]\n`);
    },
  });
  const factory = new ProviderFactory({ env, tracker });
  print(`${where}\n\ngraph node "respond": `);

  let graphText = "";
  const stream = await buildAnswerGraph(factory).stream({ question: GRAPH_QUESTION }, { streamMode: "messages" });
  for await (const [chunk, metadata] of stream as AsyncIterable<[AIMessageChunk, Record<string, unknown>]>) {
    if (metadata.langgraph_node !== "respond" || chunk.text === "") continue;
    graphText += chunk.text;
    events.push({ kind: "token", source: "graph:respond", text: chunk.text });
    print(chunk.text);
  }

  print(`\nprovider.stream (${AgentRole.RAG}): `);
  let providerResult: LLMCallResult | undefined;
  for await (const chunk of factory.forRole(AgentRole.RAG).stream({ messages: [{ role: "user", content: PROVIDER_QUESTION }] })) {
    if (chunk.content !== "") events.push({ kind: "token", source: "provider:rag", text: chunk.content });
    print(chunk.content);
    providerResult = chunk.result ?? providerResult;
  }
  if (providerResult === undefined) throw new Error("The provider stream ended without its priced result.");

  const report = tracker.report();
  print(`\n${report}\n`);
  return { where, events, graphText, providerResult, totals: tracker.totals(), report };
}

/** Streams both calls (offline unless `live`), printing through `print`, and returns what happened. */
export async function main(options: StreamingOptions = {}): Promise<StreamingRun> {
  const print = options.print ?? (() => {});
  return offlineOrLive(options.live, async ({ env, where, standIns }) => {
    if (standIns !== undefined) scriptOfflineStreaming(standIns);
    return streamBoth(where, env, print);
  });
}

if (require.main === module) runFromCommandLine((live) => main({ live, print: (text) => process.stdout.write(text) }));
