import { CostTracker } from "../../src/tracking/cost-tracker";
import { measurePaired, type PairedOptions } from "../paired";
import { comparison, WITHIN_5_PERCENT, type BenchRow } from "../report";
import { bedrockPair, defaultBedrockClient, langchainPrompt, openAIPair, PROMPT, rawBedrock, timeStream, type Endpoints } from "./clients";

/**
 * provider.complete / provider.stream against the raw class each wraps, on the same stand-in and
 * with the same callbacks: none, then one CostTracker each. For Bedrock the raw class gets the
 * provider's own BedrockRuntimeClient; a last row shows what the SDK's default client would cost.
 */
export async function benchCalls(urls: Endpoints, options: PairedOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const trackers = { provider: new CostTracker(), raw: new CostTracker() };
  // A budget no call reaches: every call reserves its worst case (its prompt counted) and settles it.
  const budgeted = { provider: new CostTracker({ budgetUsd: 1e9 }), raw: new CostTracker({ budgetUsd: 1e9 }) };
  const resetTrackers = (): void => {
    for (const tracker of [trackers.provider, trackers.raw, budgeted.provider, budgeted.raw]) tracker.reset();
  };
  const measure = (tasks: Parameters<typeof measurePaired>[0]) => measurePaired(tasks, { ...options, afterBlock: resetTrackers });

  for (const [label, rawLabel, pair, tracked, reserving] of [
    ["OpenAIProvider", "ChatOpenAI", openAIPair(urls), openAIPair(urls, trackers), openAIPair(urls, budgeted)],
    ["BedrockProvider", "ChatBedrockConverse", bedrockPair(urls), bedrockPair(urls, trackers), bedrockPair(urls, budgeted)],
  ] as const) {
    const complete = await measure({
      provider: () => pair.provider.complete({ messages: PROMPT }).then(() => undefined),
      raw: () => pair.raw.invoke(langchainPrompt()).then(() => undefined),
      providerTracked: () => tracked.provider.complete({ messages: PROMPT }).then(() => undefined),
      rawTracked: () => tracked.raw.invoke(langchainPrompt()).then(() => undefined),
      providerBudgeted: () => reserving.provider.complete({ messages: PROMPT }).then(() => undefined),
      rawBudgeted: () => reserving.raw.invoke(langchainPrompt()).then(() => undefined),
    });
    rows.push(
      comparison("complete", `${label}.complete`, complete.provider!, `${rawLabel}.invoke`, complete.raw!, WITHIN_5_PERCENT, "no callbacks on either"),
      comparison("complete", `${label}.complete, CostTracker`, complete.providerTracked!, `${rawLabel}.invoke, CostTracker`, complete.rawTracked!, WITHIN_5_PERCENT),
      comparison(
        "complete",
        `${label}.complete, CostTracker with a budget`,
        complete.providerBudgeted!,
        `${rawLabel}.invoke, CostTracker with a budget`,
        complete.rawBudgeted!,
        WITHIN_5_PERCENT,
        "reservations on: each call reserves its worst case before it is sent",
      ),
      comparison(
        "complete",
        `${rawLabel}.invoke, CostTracker with a budget`,
        complete.rawBudgeted!,
        `${rawLabel}.invoke, CostTracker`,
        complete.rawTracked!,
        undefined,
        "informational: what reserving a budget costs a call (its prompt counted locally)",
      ),
    );

    const stream = await measure({
      providerFirst: async () => (await timeStream(() => pair.provider.stream({ messages: PROMPT }))).firstMs,
      rawFirst: async () => (await timeStream(() => pair.raw.stream(langchainPrompt()))).firstMs,
      providerTotal: async () => void (await timeStream(() => pair.provider.stream({ messages: PROMPT }))),
      rawTotal: async () => void (await timeStream(() => pair.raw.stream(langchainPrompt()))),
      rawGenerator: async () => void (await timeStream(() => pair.raw._streamIterator(langchainPrompt()))),
    });
    rows.push(
      comparison("stream", `${label}.stream, first chunk`, stream.providerFirst!, `${rawLabel}.stream, first chunk`, stream.rawFirst!, WITHIN_5_PERCENT),
      comparison("stream", `${label}.stream, whole answer`, stream.providerTotal!, `${rawLabel}.stream, whole answer`, stream.rawTotal!, WITHIN_5_PERCENT),
      comparison(
        "stream",
        `${label}.stream, whole answer`,
        stream.providerTotal!,
        `${rawLabel}._streamIterator, whole answer`,
        stream.rawGenerator!,
        undefined,
        "informational: the package's own work per stream (both iterate the model's generator; .stream() adds a ReadableStream)",
      ),
    );
  }

  const bedrock = bedrockPair(urls);
  const sdkDefault = rawBedrock(defaultBedrockClient(urls));
  const clients = await measure({
    providerClient: () => bedrock.raw.invoke(langchainPrompt()).then(() => undefined),
    defaultClient: () => sdkDefault.invoke(langchainPrompt()).then(() => undefined),
  });
  rows.push(
    comparison(
      "complete",
      "ChatBedrockConverse, SDK default client (HTTP/2)",
      clients.defaultClient!,
      "ChatBedrockConverse, the provider's client (HTTP/1.1)",
      clients.providerClient!,
      undefined,
      "informational: what the provider's own client saves",
    ),
  );
  return rows;
}
