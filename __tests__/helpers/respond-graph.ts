import type { BaseLanguageModelInput } from "@langchain/core/language_models/base";
import { HumanMessage, type AIMessageChunk } from "@langchain/core/messages";
import type { Runnable } from "@langchain/core/runnables";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";

/** A LangGraph graph of one node, "respond", that answers `question` with `model` (the node's config passed on). */
export function respondGraph(model: Runnable<BaseLanguageModelInput, AIMessageChunk>) {
  const State = Annotation.Root({ question: Annotation<string>(), answer: Annotation<string>() });
  return new StateGraph(State)
    .addNode("respond", async (state, config) => ({ answer: (await model.invoke([new HumanMessage(state.question)], config)).text }))
    .addEdge(START, "respond")
    .addEdge("respond", END)
    .compile();
}
