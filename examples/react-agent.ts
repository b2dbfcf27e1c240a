/**
 * LangGraph's prebuilt ReAct agent (`createReactAgent`) on each provider: the RAG role (gpt-4-turbo
 * on OpenAI) and the direct role (Claude 3 Haiku on Bedrock) each get a policy-lookup tool; the agent
 * calls it, the tool runs, the agent answers from its result. Every model call is priced by role in
 * `factory.tracker`. Offline, nothing is scripted: the stand-ins call bound tools by their documented
 * policy (docs/testing-agents.md) — the system prompt names the tool, its `topic` is sampled from the
 * schema (the first enum value), and once the tool result is back the stand-in answers in text.
 *
 *   npm run example:react-agent             # offline, on the package's stand-in servers
 *   npm run example:react-agent -- --live   # real APIs, with your credentials
 */
import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { createReactAgent } from "@langchain/langgraph/prebuilt";
import { z } from "zod";
import { AgentRole, ProviderFactory } from "../src/factory";
import { KNOWLEDGE_BASE } from "./knowledge-base";
import { offlineOrLive, runFromCommandLine, withCostReport, type ReportedRun } from "./run-example";

/** The name of the agent's one tool. */
export const POLICY_TOOL = "lookup_policy";

/** The question each agent answers. */
export const AGENT_QUESTION = "Can I get a refund for a damaged item?";

/** The roles the agent runs on: one per provider. */
export const AGENT_ROLES = [AgentRole.RAG, AgentRole.DIRECT] as const;

const PROMPT = `You answer support questions from our policies. Look the right one up with ${POLICY_TOOL} before you answer.`;

/** The tool: the text of one policy of the knowledge base. */
export const lookupPolicy = tool(
  async ({ topic }: { topic: string }) => KNOWLEDGE_BASE.find((document) => document.id === topic)?.text ?? `No policy on ${topic}.`,
  {
    name: POLICY_TOOL,
    description: "Returns the text of one of our policies.",
    schema: z.object({ topic: z.enum(["refunds", "shipping", "warranty"]).describe("Which policy") }),
  },
);

/** One agent run: the tool calls it made, what the tool returned, and the final answer. */
export interface AgentRun {
  role: AgentRole;
  model: string;
  toolCalls: { name: string; args: Record<string, unknown> }[];
  toolResults: string[];
  answer: string;
}

/** What a run of the example returns. */
export interface ReactAgentRun extends ReportedRun {
  runs: AgentRun[];
}

/** Options of {@link main}. */
export interface ReactAgentOptions {
  /** Call the real APIs with the credentials in the environment (default: offline stand-ins). */
  live?: boolean;
  /** Receives every printed line (default: nothing is printed). */
  log?: (line: string) => void;
}

/** Runs the prebuilt ReAct agent on `role`'s chat model (from `factory.runnableFor`) until it answers. */
export async function runAgent(factory: ProviderFactory, role: AgentRole, question = AGENT_QUESTION): Promise<AgentRun> {
  const agent = createReactAgent({ llm: factory.runnableFor(role), tools: [lookupPolicy], prompt: PROMPT });
  const { messages } = await agent.invoke({ messages: [new HumanMessage(question)] });
  return {
    role,
    model: factory.modelFor(role),
    toolCalls: messages.flatMap((message) => (AIMessage.isInstance(message) ? (message.tool_calls ?? []) : [])).map(({ name, args }) => ({ name, args })),
    toolResults: messages.filter((message) => ToolMessage.isInstance(message)).map((message) => message.text),
    answer: messages.at(-1)?.text ?? "",
  };
}

/** The lines printed for one agent run. */
export function formatAgentRun(run: AgentRun): string {
  const calls = run.toolCalls.map((call, index) => `   tool: ${call.name}(${JSON.stringify(call.args)}) → ${run.toolResults[index] ?? "(no result)"}`);
  return [`${run.role} (${run.model}):`, ...calls, `   answer: ${run.answer}`].join("\n");
}

/** Runs the agent on each provider (offline unless `live`), printing through `log`, and returns what happened. */
export async function main(options: ReactAgentOptions = {}): Promise<ReactAgentRun> {
  const log = options.log ?? (() => {});
  return offlineOrLive(options.live, ({ env, where }) => {
    const factory = new ProviderFactory({ env });
    return withCostReport(factory.tracker, where, log, async () => {
      const runs: AgentRun[] = [];
      for (const role of AGENT_ROLES) {
        const run = await runAgent(factory, role);
        runs.push(run);
        log(formatAgentRun(run));
      }
      return { runs };
    });
  });
}

if (require.main === module) runFromCommandLine((live) => main({ live, log: (line) => console.log(`${line}\n`) }));
