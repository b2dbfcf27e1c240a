import { AgentRole, ProviderFactory, ROLE_MODELS } from "../../src/factory";
import type { AzureOpenAIProvider } from "../../src/providers/azure/azure-provider";
import { FallbackChatModel } from "../../src/providers/fallback/fallback-chat-model";
import { parseModelId, providerOfRun, vendorOf } from "../../src/providers/vendors";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { measureInterleaved, type InterleaveOptions } from "../interleave";
import { measurePaired, type PairedOptions } from "../paired";
import { comparison, WITHIN_5_PERCENT, type BenchRow } from "../report";
import { formatMs, type Latency } from "../stats";
import { azurePair, BEDROCK_MODEL, langchainPrompt, OPENAI_MODEL, PROMPT, standInEnv, type Endpoints } from "./clients";

const SECTION = "vendors";
/** The role whose variable names a chain (its first model answers), and the role on that model alone. */
const CHAIN_ROLE = AgentRole.DIRECT;
const SINGLE_ROLE = AgentRole.RAG;
/** Lookups per timed sample, so that the timer's own cost (tens of ns) is spread over them. */
const LOOKUPS_PER_SAMPLE = 1_000;
/** What the lookups are asked, one vendor after the other: a model id, its vendor, and the `ls_provider` its LangChain runs report. */
const LOOKUPS = [
  { id: OPENAI_MODEL, vendor: "openai", lsProvider: "openai" },
  { id: BEDROCK_MODEL, vendor: "bedrock", lsProvider: "amazon_bedrock" },
  { id: `azure:${OPENAI_MODEL}`, vendor: "azure", lsProvider: "azure" },
] as const;

/**
 * The vendor registry (issue 17) on the call path. AzureOpenAIProvider.complete against the raw
 * AzureChatOpenAI on the stand-in's Azure route, without callbacks and with one CostTracker each;
 * `runnableFor(role).invoke` for a two-model fallback chain whose first model answers against the
 * same model alone, through one ProviderFactory on the stand-ins; and the registry's lookups alone
 * (`parseModelId`, `vendorOf`, `providerOfRun`) in ns, as a share of a `complete()`.
 */
export async function benchVendors(urls: Endpoints, calls: PairedOptions, micro: InterleaveOptions): Promise<BenchRow[]> {
  const trackers = { provider: new CostTracker(), raw: new CostTracker() };
  const bare = azurePair(urls);
  const tracked = azurePair(urls, trackers);
  const factory = new ProviderFactory({
    env: { ...standInEnv(urls), [ROLE_MODELS[CHAIN_ROLE].variable]: `${OPENAI_MODEL},${BEDROCK_MODEL}`, [ROLE_MODELS[SINGLE_ROLE].variable]: OPENAI_MODEL },
    maxRetries: 0,
  });
  await checkSetting(bare.provider, factory);

  const latency = await measurePaired(
    {
      provider: () => bare.provider.complete({ messages: PROMPT }).then(() => undefined),
      raw: () => bare.raw.invoke(langchainPrompt()).then(() => undefined),
      providerTracked: () => tracked.provider.complete({ messages: PROMPT }).then(() => undefined),
      rawTracked: () => tracked.raw.invoke(langchainPrompt()).then(() => undefined),
      chain: () => factory.runnableFor(CHAIN_ROLE).invoke(langchainPrompt()).then(() => undefined),
      single: () => factory.runnableFor(SINGLE_ROLE).invoke(langchainPrompt()).then(() => undefined),
    },
    { ...calls, afterBlock: () => [trackers.provider, trackers.raw, factory.tracker].forEach((tracker) => tracker.reset()) },
  );
  return [
    comparison(SECTION, "AzureOpenAIProvider.complete", latency.provider!, "AzureChatOpenAI.invoke", latency.raw!, WITHIN_5_PERCENT, "no callbacks on either; the stand-in's Azure route"),
    comparison(SECTION, "AzureOpenAIProvider.complete, CostTracker", latency.providerTracked!, "AzureChatOpenAI.invoke, CostTracker", latency.rawTracked!, WITHIN_5_PERCENT),
    comparison(
      SECTION,
      "runnableFor(role).invoke, a two-model chain",
      latency.chain!,
      "runnableFor(role).invoke, its first model alone",
      latency.single!,
      WITHIN_5_PERCENT,
      `FallbackChatModel over ${OPENAI_MODEL} → ${BEDROCK_MODEL}, whose first model answers; both with the factory's CostTracker`,
    ),
    await lookupRow(latency.provider!, micro),
  ];
}

/**
 * Fails the run unless what is timed is what the rows say: the provider on the Azure route, the
 * chain role a FallbackChatModel whose first model answers (no fallback recorded), the single role not.
 */
async function checkSetting(azure: AzureOpenAIProvider, factory: ProviderFactory): Promise<void> {
  const answered = await azure.complete({ messages: PROMPT });
  if (answered.provider !== "azure" || answered.tokensOutput === 0) throw new Error(`AzureOpenAIProvider.complete did not answer as azure: ${JSON.stringify(answered.provider)}`);
  if (!(factory.runnableFor(CHAIN_ROLE) instanceof FallbackChatModel) || factory.runnableFor(SINGLE_ROLE) instanceof FallbackChatModel) {
    throw new Error(`expected ${CHAIN_ROLE} to be a fallback chain and ${SINGLE_ROLE} a single model`);
  }
  await factory.runnableFor(CHAIN_ROLE).invoke(langchainPrompt());
  await factory.runnableFor(SINGLE_ROLE).invoke(langchainPrompt());
  const recorded = factory.tracker.calls.map((call) => [call.role, call.provider, call.fellBackFrom === undefined]);
  if (JSON.stringify(recorded) !== JSON.stringify([[CHAIN_ROLE, "openai", true], [SINGLE_ROLE, "openai", true]])) {
    throw new Error(`the factory's calls were not both answered by ${OPENAI_MODEL} without a fallback: ${JSON.stringify(recorded)}`);
  }
  factory.tracker.reset();
}

/** A latency of `lookups` lookups per sample, as the latency of one. */
function perLookup(latency: Latency, lookups: number): Latency {
  return { p50: latency.p50 / lookups, p99: latency.p99 / lookups, mean: latency.mean / lookups, samples: latency.samples };
}

/** A task doing {@link LOOKUPS_PER_SAMPLE} lookups, across the vendors in turn; it returns the last answer, so that none is optimised away. */
function lookups<T>(lookup: (asked: (typeof LOOKUPS)[number]) => T): () => T {
  return () => {
    let answer = lookup(LOOKUPS[0]);
    for (let index = 1; index < LOOKUPS_PER_SAMPLE; index++) answer = lookup(LOOKUPS[index % LOOKUPS.length]!);
    return answer;
  };
}

/**
 * The registry's lookups alone, a call's worth (one `parseModelId`, `vendorOf`, `providerOfRun`:
 * a call through the factory chooses its model, then the tracker names its provider and reads its
 * descriptor), in ns per lookup, and as a share of `complete()`'s p50 (`complete`, measured above).
 */
async function lookupRow(complete: Latency, micro: InterleaveOptions): Promise<BenchRow> {
  for (const asked of LOOKUPS) {
    const answers = [parseModelId(asked.id).provider, vendorOf(asked.vendor).name, providerOfRun(asked.lsProvider, asked.id)];
    if (answers.some((answer) => answer !== asked.vendor)) throw new Error(`the registry routes ${asked.id} to ${answers.join(", ")}, not ${asked.vendor}`);
  }
  const measured = await measureInterleaved(
    {
      parseModelId: lookups((asked) => parseModelId(asked.id)),
      vendorOf: lookups((asked) => vendorOf(asked.vendor)),
      providerOfRun: lookups((asked) => providerOfRun(asked.lsProvider, asked.id)),
      oneOfEach: lookups((asked) => [parseModelId(asked.id), vendorOf(asked.vendor), providerOfRun(asked.lsProvider, asked.id)]),
    },
    micro,
  );
  const each = (name: string): string => `${name} ${(perLookup(measured[name]!, LOOKUPS_PER_SAMPLE).p50 * 1e6).toFixed(0)} ns`;
  const set = perLookup(measured.oneOfEach!, LOOKUPS_PER_SAMPLE);
  const share = (100 * set.p50) / complete.p50;
  return {
    section: SECTION,
    name: "registry lookups of one call: parseModelId + vendorOf + providerOfRun",
    latency: set,
    value: `${each("parseModelId")}, ${each("vendorOf")}, ${each("providerOfRun")} per lookup; the three ${share.toPrecision(2)}% of AzureOpenAIProvider.complete's p50 (${formatMs(complete.p50)})`,
    note: `informational; ${(set.samples * LOOKUPS_PER_SAMPLE).toExponential(1)} sets timed, ${LOOKUPS_PER_SAMPLE} per sample, OpenAI, Bedrock and Azure ids in turn`,
  };
}
