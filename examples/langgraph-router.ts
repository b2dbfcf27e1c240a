/**
 * An orchestrator graph on LangGraph: the analysis role (Claude 3.5 Sonnet on Bedrock) classifies a
 * question and a conditional edge routes it to a RAG node (gpt-4-turbo, with a search tool bound),
 * a CAG node (Claude 3 Haiku, preloaded handbook), a DIRECT node (Haiku) or the guide node (Haiku,
 * questions about the assistant). Every node asks the factory for its role's chat model, so each
 * call is priced and attributed to its node, role and model in `factory.tracker`.
 *
 *   npm run example:langgraph-router             # offline, on the package's stand-in servers
 *   npm run example:langgraph-router -- --live   # real APIs, with your credentials
 */
import { HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import type { RunnableConfig } from "@langchain/core/runnables";
import { tool } from "@langchain/core/tools";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { z } from "zod";
import { AgentRole, ProviderFactory } from "../src/factory";
import type { StandIns } from "../src/testing";
import { searchKnowledgeBase, SUPPORT_HANDBOOK } from "./knowledge-base";
import { offlineOrLive, runFromCommandLine, withCostReport, type ReportedRun } from "./run-example";

/** Where the analysis node can send a question; each is also the name of the node that answers it. */
export const ROUTES = ["rag", "cag", "direct", "guide"] as const;
/** One of {@link ROUTES}. */
export type Route = (typeof ROUTES)[number];

/** The graph's state: the question in, the route and the answer out. */
export const RouterState = Annotation.Root({
  question: Annotation<string>(),
  route: Annotation<Route>(),
  answer: Annotation<string>(),
  /** Ids of the documents the RAG node retrieved. */
  sources: Annotation<string[]>(),
});

/** The name of the tool bound in the RAG node. */
export const SEARCH_TOOL = "search_knowledge_base";

const ANALYSIS_PROMPT =
  "You route support questions. Answer with exactly one word: rag (needs our policy documents: " +
  "refunds, shipping, warranty), cag (covered by the support handbook: office hours, outages, invoices, " +
  "passwords), guide (about you, the assistant, and what you can do) or direct (anything else).";

/** The route named in the analysis model's answer; "direct" when it names none. */
export function routeOf(text: string): Route {
  const named = /\b(rag|cag|direct|guide)\b/.exec(text.toLowerCase());
  return (named?.[1] as Route | undefined) ?? "direct";
}

const searchTool = tool(async ({ query }: { query: string }) => JSON.stringify(searchKnowledgeBase(query)), {
  name: SEARCH_TOOL,
  description: "Searches the refund, shipping and warranty policies. Returns the matching documents as JSON.",
  schema: z.object({ query: z.string().describe("What to look for") }),
});

/** Builds the router graph; every node takes its role's chat model from `factory`. */
export function buildRouterGraph(factory: ProviderFactory) {
  const ask = (role: AgentRole, system: string) => async (state: typeof RouterState.State, config?: RunnableConfig) => {
    const reply = await factory.runnableFor(role).invoke([new SystemMessage(system), new HumanMessage(state.question)], config);
    return { answer: reply.text };
  };

  const rag = async (state: typeof RouterState.State, config?: RunnableConfig) => {
    const model = factory.runnableFor(AgentRole.RAG).bindTools([searchTool]);
    const messages: BaseMessage[] = [
      new SystemMessage(`Answer from our policies; use ${SEARCH_TOOL} to find them.`),
      new HumanMessage(state.question),
    ];
    const sources: string[] = [];
    let reply = await model.invoke(messages, config);
    if ((reply.tool_calls ?? []).length > 0) {
      messages.push(reply);
      for (const call of reply.tool_calls ?? []) {
        sources.push(...searchKnowledgeBase(String(call.args.query ?? state.question)).map((document) => document.id));
        messages.push(await searchTool.invoke(call, config));
      }
      reply = await model.invoke(messages, config);
    }
    return { answer: reply.text, sources };
  };

  return new StateGraph(RouterState)
    .addNode("analysis", async (state, config) => {
      const reply = await factory
        .runnableFor(AgentRole.ORCHESTRATOR_ANALYSIS)
        .invoke([new SystemMessage(ANALYSIS_PROMPT), new HumanMessage(state.question)], config);
      return { route: routeOf(reply.text), sources: [] };
    })
    .addNode("rag", rag)
    .addNode("cag", ask(AgentRole.CAG, `Answer from this handbook only.\n\n${SUPPORT_HANDBOOK}`))
    .addNode("direct", ask(AgentRole.DIRECT, "Answer briefly."))
    .addNode("guide", ask(AgentRole.ORCHESTRATOR_GUIDE, "You are a support assistant. Explain briefly what you can help with."))
    .addEdge(START, "analysis")
    .addConditionalEdges("analysis", (state) => state.route, [...ROUTES])
    .addEdge("rag", END)
    .addEdge("cag", END)
    .addEdge("direct", END)
    .addEdge("guide", END)
    .compile();
}

/** A question, and the route the offline stand-in is scripted to choose for it. */
export interface RouterQuestion {
  text: string;
  offlineRoute: Route;
}

/** The questions the example asks: one per route. */
export const SAMPLE_QUESTIONS: readonly RouterQuestion[] = [
  { text: "Can I get a refund for a damaged item?", offlineRoute: "rag" },
  { text: "What are the support office hours?", offlineRoute: "cag" },
  { text: "What is the capital of Australia?", offlineRoute: "direct" },
  { text: "What can you help me with?", offlineRoute: "guide" },
];

/**
 * Queues the stand-ins' replies for `questions`, asked one after the other: the analysis model
 * answers each question's `offlineRoute`; the RAG model first calls the search tool; every other
 * answer is the stand-in's default ("Stand-in reply to: <question>").
 */
export function scriptOfflineRouter(standIns: StandIns, questions: readonly RouterQuestion[]): void {
  for (const question of questions) {
    standIns.bedrock.reply({ text: question.offlineRoute });
    if (question.offlineRoute === "rag") {
      standIns.openai.reply({ toolCalls: [{ name: SEARCH_TOOL, args: { query: question.text } }] });
      standIns.openai.reply({});
    } else {
      standIns.bedrock.reply({});
    }
  }
}

/** Printed under the first line of an offline run: what the stand-ins were told to answer. */
export const SCRIPTED_OFFLINE = [
  "The stand-ins' answers are scripted: they give the analysis node each question's route and the RAG",
  'node a search-tool call; every answer is "Stand-in reply to: <the question\'s first words>".',
  "See docs/testing.md; add -- --live for real models.",
].join("\n");

/** One question's way through the graph. */
export interface RoutedAnswer {
  question: string;
  route: Route;
  answer: string;
  sources: string[];
}

/** What a run of the example returns. */
export interface RouterRun extends ReportedRun {
  answers: RoutedAnswer[];
}

/** Options of {@link main}. */
export interface RouterOptions {
  /** Call the real APIs with the credentials in the environment (default: offline stand-ins). */
  live?: boolean;
  questions?: readonly RouterQuestion[];
  /** Receives every printed line (default: nothing is printed). */
  log?: (line: string) => void;
}

/** The lines printed for one answer. */
export function formatAnswer(answer: RoutedAnswer): string {
  const sources = answer.sources.length > 0 ? ` (sources: ${answer.sources.join(", ")})` : "";
  return `Q: ${answer.question}\n   route: ${answer.route}${sources}\n   A: ${answer.answer}`;
}

async function askAll(factory: ProviderFactory, where: string, options: RouterOptions): Promise<RouterRun> {
  const log = options.log ?? (() => {});
  const graph = buildRouterGraph(factory);
  return withCostReport(factory.tracker, where, log, async () => {
    const answers: RoutedAnswer[] = [];
    for (const { text } of options.questions ?? SAMPLE_QUESTIONS) {
      const state = await graph.invoke({ question: text });
      const answer = { question: text, route: state.route, answer: state.answer, sources: state.sources };
      answers.push(answer);
      log(formatAnswer(answer));
    }
    return { answers };
  });
}

/** Runs the router over the questions (offline unless `live`), printing through `log`, and returns what happened. */
export async function main(options: RouterOptions = {}): Promise<RouterRun> {
  return offlineOrLive(options.live, async ({ env, where, standIns }) => {
    if (standIns === undefined) return askAll(new ProviderFactory({ env }), where, options);
    scriptOfflineRouter(standIns, options.questions ?? SAMPLE_QUESTIONS);
    return askAll(new ProviderFactory({ env }), `${where}\n${SCRIPTED_OFFLINE}`, options);
  });
}

if (require.main === module) runFromCommandLine((live) => main({ live, log: (line) => console.log(`${line}\n`) }));
