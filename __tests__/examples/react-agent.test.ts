import { AIMessageChunk, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { createReactAgent } from "@langchain/langgraph/prebuilt";
import { KNOWLEDGE_BASE } from "../../examples/knowledge-base";
import { AGENT_QUESTION, AGENT_ROLES, lookupPolicy, main, POLICY_TOOL } from "../../examples/react-agent";
import { AgentRole, ProviderFactory } from "../../src/factory";
import { useOfflineServers } from "../helpers/stand-ins";

const REFUNDS = KNOWLEDGE_BASE.find((document) => document.id === "refunds")!.text;

describe("examples/react-agent", () => {
  test("LangGraph's createReactAgent runs offline on each stand-in: the tool is called and executed, the answer follows, every call is priced", async () => {
    const lines: string[] = [];
    const run = await main({ log: (line) => lines.push(line) });

    expect(run.runs.map(({ role, model, toolCalls, toolResults, answer }) => ({ role, model, toolCalls, toolResults, answer }))).toEqual(
      [
        { role: "rag", model: "gpt-4-turbo" },
        { role: "direct", model: "anthropic.claude-3-haiku-20240307-v1:0" },
      ].map((where) => ({
        ...where,
        toolCalls: [{ name: POLICY_TOOL, args: { topic: "refunds" } }],
        toolResults: [REFUNDS],
        answer: `Stand-in reply to: ${AGENT_QUESTION}`,
      })),
    );

    const { totals } = run;
    expect(totals.calls).toBe(4);
    expect(Object.fromEntries(Object.entries(totals.byRole).map(([role, bucket]) => [role, bucket.calls]))).toEqual({ rag: 2, direct: 2 });
    expect(Object.keys(totals.byNode)).toEqual(["agent"]);
    const turbo = totals.byModel["gpt-4-turbo-2024-04-09"]!;
    expect(turbo.costUsd).toBeCloseTo((turbo.tokensInput * 10 + turbo.tokensOutput * 30) / 1e6, 12);
    const haiku = totals.byModel["anthropic.claude-3-haiku-20240307-v1:0"]!;
    expect(haiku.costUsd).toBeCloseTo((haiku.tokensInput * 0.25 + haiku.tokensOutput * 1.25) / 1e6, 12);
    expect(totals.costUsd).toBeGreaterThan(0);

    expect(lines[0]).toMatch(/^offline: stand-in servers at http:\/\/127\.0\.0\.1:\d+ \(OpenAI\)/);
    expect(lines[1]).toBe(`rag (gpt-4-turbo):\n   tool: ${POLICY_TOOL}({"topic":"refunds"}) → ${REFUNDS}\n   answer: Stand-in reply to: ${AGENT_QUESTION}`);
    expect(lines[2]).toMatch(/^direct \(anthropic\.claude-3-haiku-20240307-v1:0\):\n {3}tool: lookup_policy/);
    expect(lines[3]).toBe(run.report);
    expect(run.report).toMatch(/^LLM cost: \$\d+\.\d+ over 4 call\(s\)/);
  });
});

describe("createReactAgent streamed with streamMode \"messages\" on each stand-in", () => {
  const servers = useOfflineServers();

  test.each(AGENT_ROLES)("%s: the streamed chunks carry the tool call, then the tool result, then the answer", async (role) => {
    const factory = new ProviderFactory({ env: servers.env });
    const agent = createReactAgent({ llm: factory.runnableFor(role), tools: [lookupPolicy] });
    const stream = await agent.stream({ messages: [new HumanMessage(AGENT_QUESTION)] }, { streamMode: "messages" });
    const byMessage = new Map<string | undefined, AIMessageChunk>();
    const toolTexts: string[] = [];
    for await (const [chunk, metadata] of stream as AsyncIterable<[BaseMessage, { langgraph_node: string }]>) {
      if (ToolMessage.isInstance(chunk)) toolTexts.push(chunk.text);
      else if (AIMessageChunk.isInstance(chunk) && metadata.langgraph_node === "agent") {
        byMessage.set(chunk.id, byMessage.get(chunk.id)?.concat(chunk) ?? chunk);
      }
    }
    const [call, answer, ...more] = [...byMessage.values()];
    expect(more).toEqual([]);
    expect(call?.tool_calls?.map(({ name, args }) => ({ name, args }))).toEqual([{ name: POLICY_TOOL, args: { topic: "refunds" } }]);
    expect(toolTexts).toEqual([REFUNDS]);
    expect([answer?.text, answer?.tool_calls]).toEqual([`Stand-in reply to: ${AGENT_QUESTION}`, []]);
    const requests = role === AgentRole.RAG ? servers.openai.requests : servers.bedrock.requests;
    expect(requests.map((request) => request.operation)).toEqual(role === AgentRole.RAG ? ["chat.completions", "chat.completions"] : ["converse-stream", "converse-stream"]);
    expect(factory.tracker.totals().byRole[role]?.calls).toBe(2);
  });
});
