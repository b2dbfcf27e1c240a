import { AIMessageChunk } from "@langchain/core/messages";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { AgentRole, ProviderFactory } from "../../src/factory";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { useOfflineServers } from "../helpers/stand-ins";

const State = Annotation.Root({ question: Annotation<string>(), answer: Annotation<string>() });
const ANSWER = "Paris, on the Seine.";

/** One node that streams through provider.stream() without passing the graph's config on; it stops reading once it has `stopAfter` characters. */
function buildGraph(factory: ProviderFactory, stopAfter = Infinity) {
  return new StateGraph(State)
    .addNode("respond", async (state) => {
      let answer = "";
      for await (const chunk of factory.forRole(AgentRole.DIRECT).stream({ messages: [{ role: "user", content: state.question }] })) {
        answer += chunk.content;
        if (answer.length >= stopAfter) break;
      }
      return { answer };
    })
    .addEdge(START, "respond")
    .addEdge("respond", END)
    .compile();
}

const servers = useOfflineServers();

describe("provider.stream() inside a LangGraph node, the graph's config not passed on", () => {
  it("is recorded by the graph's tracker under its node and role, with the provider's usage", async () => {
    servers.bedrock.reply({ text: ANSWER, usage: { inputTokens: 120, outputTokens: 7 } });
    const tracker = new CostTracker();
    const result = await buildGraph(new ProviderFactory({ env: servers.env })).invoke({ question: "Capital of France?" }, { callbacks: [tracker] });
    expect(result.answer).toBe(ANSWER);
    expect(tracker.calls).toHaveLength(1);
    expect(tracker.calls[0]).toMatchObject({ node: "respond", role: AgentRole.DIRECT, provider: "bedrock", tokensInput: 120, tokensOutput: 7, estimated: false });
  });

  it("a stream the node stops reading (break) is recorded by the graph's tracker too: estimated, from exactly the text read", async () => {
    servers.bedrock.reply({ text: ANSWER });
    const tracker = new CostTracker();
    const factory = new ProviderFactory({ env: servers.env });
    const result = await buildGraph(factory, 6).invoke({ question: "Capital of France?" }, { callbacks: [tracker] });
    expect(result.answer.length).toBeLessThan(ANSWER.length);
    expect(tracker.calls).toHaveLength(1);
    const local = factory.forRole(AgentRole.DIRECT).countTokens({ messages: [{ role: "user", content: "Capital of France?" }], completion: result.answer });
    expect(tracker.calls[0]).toMatchObject({ node: "respond", role: AgentRole.DIRECT, estimated: true, content: result.answer, tokensOutput: local.output });
  });

  it("feeds LangGraph's \"messages\" stream mode token by token", async () => {
    servers.bedrock.reply({ text: ANSWER });
    const graph = buildGraph(new ProviderFactory({ env: servers.env }));
    const tokens: string[] = [];
    for await (const [message, metadata] of await graph.stream({ question: "Capital of France?" }, { streamMode: "messages" })) {
      if (message instanceof AIMessageChunk && metadata.langgraph_node === "respond") tokens.push(message.text);
    }
    expect(tokens.filter((token) => token !== "").length).toBeGreaterThan(1);
    expect(tokens.join("")).toBe(ANSWER);
  });
});
