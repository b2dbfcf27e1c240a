import type { Serialized } from "@langchain/core/load/serializable";
import { Bench } from "tinybench";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { measurePaired, type PairedOptions } from "../paired";
import { comparison, type BenchRow } from "../report";
import { summarise, type Latency } from "../stats";
import type { LLMResult } from "@langchain/core/outputs";
import type { ChatOpenAI } from "@langchain/openai";
import { bedrockPair, langchainPrompt, NoopHandler, openAIPair, rawBedrock, timeStream, type Endpoints } from "./clients";

const WITHIN_2_PERCENT = { max: 1.02, label: "≤ 1.02×" };

/**
 * What CostTracker costs a call compared with a handler that does nothing (awaited, listening to
 * the same events): on the raw classes, so nothing else differs. Then the tracker's own hooks
 * alone, called directly, against the no-op's.
 */
export async function benchTracker(urls: Endpoints, options: PairedOptions): Promise<BenchRow[]> {
  const tracker = new CostTracker();
  const noop = new NoopHandler();
  const measure = (tasks: Parameters<typeof measurePaired>[0]) => measurePaired(tasks, { ...options, afterBlock: () => tracker.reset() });
  const openai = openAIPair(urls).raw;
  const withHandler = (handler: CostTracker | NoopHandler) => ({ callbacks: [handler] });
  const bedrockClient = bedrockPair(urls).provider.client;
  const rawBedrockModel = rawBedrock(bedrockClient);
  const rows: BenchRow[] = [];

  const invoke = await measure({
    openaiTracker: () => openai.invoke(langchainPrompt(), withHandler(tracker)).then(() => undefined),
    openaiNoop: () => openai.invoke(langchainPrompt(), withHandler(noop)).then(() => undefined),
    openaiNone: () => openai.invoke(langchainPrompt()).then(() => undefined),
    bedrockTracker: () => rawBedrockModel.invoke(langchainPrompt(), withHandler(tracker)).then(() => undefined),
    bedrockNoop: () => rawBedrockModel.invoke(langchainPrompt(), withHandler(noop)).then(() => undefined),
  });
  rows.push(
    comparison("tracker", "ChatOpenAI.invoke + CostTracker", invoke.openaiTracker!, "ChatOpenAI.invoke + no-op handler", invoke.openaiNoop!, WITHIN_2_PERCENT),
    comparison("tracker", "ChatBedrockConverse.invoke + CostTracker", invoke.bedrockTracker!, "ChatBedrockConverse.invoke + no-op handler", invoke.bedrockNoop!, WITHIN_2_PERCENT),
    comparison("tracker", "ChatOpenAI.invoke + no-op handler", invoke.openaiNoop!, "ChatOpenAI.invoke, no handler", invoke.openaiNone!, undefined, "informational: LangChain's callback dispatch"),
  );

  const stream = await measure({
    tracker: async () => void (await timeStream(() => openai.stream(langchainPrompt(), withHandler(tracker)))),
    noop: async () => void (await timeStream(() => openai.stream(langchainPrompt(), withHandler(noop)))),
  });
  rows.push(comparison("tracker", "ChatOpenAI.stream + CostTracker", stream.tracker!, "ChatOpenAI.stream + no-op handler", stream.noop!, WITHIN_2_PERCENT, "whole answer; the tracker also sees every token"));

  rows.push(...(await benchTrackerHooks(openai)));
  return rows;
}

/** The tracker's hooks for one whole call (start, end with the usage), called directly. */
async function benchTrackerHooks(openai: ChatOpenAI): Promise<BenchRow[]> {
  const latency = await timeHooksOfOneCall(openai, { tracker: new CostTracker(), noop: new NoopHandler() });
  const trackerLatency = latency.tracker!;
  const noopLatency = latency.noop!;
  return [
    {
      ...comparison("tracker", "CostTracker hooks of one call, called directly", trackerLatency, "no-op handler hooks", noopLatency),
      note: `the tracker's own work per call (reading usage, pricing, recording): ${((trackerLatency.p50 - noopLatency.p50) * 1000).toFixed(1)} µs`,
    },
  ];
}

/**
 * The latency of each handler's hooks for one whole call (`handleChatModelStart`, then
 * `handleLLMEnd` with a real answer of `openai`), called directly, with tinybench.
 */
export async function timeHooksOfOneCall(openai: ChatOpenAI, handlers: Record<string, CostTracker | NoopHandler>): Promise<Record<string, Latency>> {
  const message = await openai.invoke(langchainPrompt());
  const output: LLMResult = { generations: [[{ text: String(message.content), message } as never]] };
  const serialized = openai.toJSON() as Serialized;
  const extra = { invocation_params: { model: "gpt-4o" } };
  const metadata = { ls_provider: "openai", ls_model_name: "gpt-4o" };
  let run = 0;
  const bench = new Bench({ time: 1_000, warmupTime: 200, retainSamples: true });
  for (const [name, handler] of Object.entries(handlers)) {
    bench.add(name, async () => {
      const runId = `run-${(run += 1)}`;
      await handler.handleChatModelStart(serialized, [langchainPrompt()], runId, undefined, extra, undefined, metadata);
      await handler.handleLLMEnd(output, runId);
      // A reset now and then, by count: reading `calls` would copy the tracker's window of recent calls every time.
      if (handler instanceof CostTracker && run % 10_000 === 0) handler.reset();
    });
  }
  await bench.run();
  return Object.fromEntries(
    Object.keys(handlers).map((name) => {
      const result = bench.tasks.find((task) => task.name === name)?.result;
      if (result?.state !== "completed") throw new Error(`bench task ${name} did not complete`);
      return [name, summarise([...(result.latency.samples ?? [])])];
    }),
  );
}
