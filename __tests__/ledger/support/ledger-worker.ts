/**
 * A worker process of the multi-process ledger tests (run with `--import tsx`, its number in
 * LEDGER_WORKER): its own stand-ins, and a ledger per store it is sent to. It says "ready", then
 * runs each WorkerRun the parent sends with a CostTracker of its own on that store's ledger, and
 * answers with a WorkerReport (and, in mode until-killed, "returned" after each call).
 */
import { BudgetExceededError } from "../../../src/errors";
import { postgresLedger } from "../../../src/ledger/postgres-ledger";
import { sqliteLedger } from "../../../src/ledger/sqlite-ledger";
import { BedrockProvider } from "../../../src/providers/bedrock/bedrock-provider";
import { OpenAIEmbeddingsProvider } from "../../../src/providers/openai/openai-embeddings";
import { OpenAIProvider } from "../../../src/providers/openai/openai-provider";
import type { LLMProvider } from "../../../src/providers/provider";
import { startBedrockStandIn, startOpenAIStandIn, type StandIn } from "../../../src/testing";
import { CostTracker } from "../../../src/tracking/cost-tracker";
import type { CostLedger } from "../../../src/ledger/ledger-types";
import type { LLMCallResult } from "../../../src/types";
import { plannedCalls, type PlannedCall } from "./worker-plan";
import { WORKER_DIMENSIONS, type WorkerReport, type WorkerRun, type WorkerStore } from "./worker-protocol";

const QUESTION = [{ role: "user" as const, content: "What is the capital of France?" }];
const send = (message: unknown): Promise<void> => new Promise((resolve) => process.send!(message, () => resolve()));

/** The providers of one run, all on one tracker. */
function providersOf(tracker: CostTracker, openaiServer: StandIn, bedrockServer: StandIn) {
  const openai = new OpenAIProvider({ model: "gpt-4o", apiKey: "sk-worker", baseURL: `${openaiServer.url}/v1`, maxRetries: 0, tracker });
  const bedrock = new BedrockProvider({
    model: "anthropic.claude-3-haiku-20240307-v1:0",
    endpoint: bedrockServer.url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDLEDGERWORKER", secretAccessKey: "ledger-worker-secret" },
    maxRetries: 0,
    tracker,
  });
  const embeddings = new OpenAIEmbeddingsProvider({ model: "text-embedding-3-small", apiKey: "sk-worker", baseURL: `${openaiServer.url}/v1`, maxRetries: 0, tracker });
  return { openai, bedrock, embeddings };
}

const worker = Number(process.env.LEDGER_WORKER);
const ledgers = new Map<string, CostLedger>();

/** This worker's ledger on a store, opened on first use. */
function ledgerOn({ store, where, spoolDir }: WorkerStore): CostLedger {
  let ledger = ledgers.get(where);
  const options = { dimensions: WORKER_DIMENSIONS, spoolDir };
  if (ledger === undefined) ledgers.set(where, (ledger = store === "SQLite" ? sqliteLedger({ path: where, ...options }) : postgresLedger({ connectionString: where, ...options })));
  return ledger;
}

async function run(request: WorkerRun, servers: { openai: StandIn; bedrock: StandIn }): Promise<WorkerReport> {
  const ledger = ledgerOn(request);
  // A run's scripts only: replies a previous burst queued for calls its budget refused are dropped.
  servers.openai.reset();
  servers.bedrock.reset();
  const budgets = request.budgetUsd === undefined ? undefined : [{ usd: request.budgetUsd, by: "phase", name: "phase" }];
  const tracker = new CostTracker({ ledger, budgets, maxCalls: Infinity });
  const { openai, bedrock, embeddings } = providersOf(tracker, servers.openai, servers.bedrock);
  const report: WorkerReport = { type: "done", ids: [], succeeded: 0, refused: 0, errors: [] };
  const metadata = (callNo: number) => ({ worker: String(worker), callNo: `${worker}-${request.mode}-${callNo}`, phase: request.mode });

  if (request.mode === "burst") {
    servers.openai.reply({ text: "Paris.", usage: { outputTokens: request.maxTokens }, times: request.calls }); // input: the prompt, which the package counts exactly
    const outcomes = await Promise.allSettled(Array.from({ length: request.calls }, (_, callNo) => openai.complete({ messages: QUESTION, maxTokens: request.maxTokens, metadata: metadata(callNo) })));
    for (const outcome of outcomes) {
      if (outcome.status === "fulfilled") report.succeeded += 1;
      else if (outcome.reason instanceof BudgetExceededError) {
        report.refused += 1;
        report.callUsd = outcome.reason.callUsd;
      } else report.errors.push(String(outcome.reason));
    }
  } else {
    const streamed = async (provider: LLMProvider, callNo: number): Promise<LLMCallResult> => {
      let result: LLMCallResult | undefined;
      for await (const chunk of provider.stream({ messages: QUESTION, metadata: metadata(callNo) })) result = chunk.result ?? result;
      return result!;
    };
    const call = async (planned: PlannedCall, callNo: number): Promise<unknown> => {
      const usage = { inputTokens: planned.inputTokens, outputTokens: planned.outputTokens, cacheReadTokens: planned.cacheReadTokens };
      // A one-word answer: a stream of few chunks (what is tested is the books, not the streaming).
      (planned.kind.startsWith("bedrock") ? servers.bedrock : servers.openai).reply({ text: "Paris.", usage });
      if (planned.kind === "embed") return embeddings.embed({ texts: [`text ${callNo}`] });
      const provider = planned.kind.startsWith("bedrock") ? bedrock : openai;
      return planned.kind.endsWith("stream") ? streamed(provider, callNo) : provider.complete({ messages: QUESTION, metadata: metadata(callNo) });
    };
    for (const [callNo, planned] of plannedCalls(worker, request.calls).entries()) {
      try {
        await call(request.mode === "until-killed" && planned.kind === "embed" ? { ...planned, kind: "openai-complete", outputTokens: 5 } : planned, callNo);
        report.succeeded += 1;
        if (request.mode === "until-killed") await send({ type: "returned", callNo: metadata(callNo).callNo });
      } catch (error) {
        report.errors.push(String(error));
      }
    }
  }
  report.ids = tracker.calls.map((tracked) => tracked.id);
  return report;
}

async function main(): Promise<void> {
  console.error = () => undefined; // LangChain logs every error a raiseError handler throws (each budget refusal)
  const [openai, bedrock] = await Promise.all([startOpenAIStandIn(), startBedrockStandIn()]);
  new OpenAIProvider({ model: "gpt-4o", apiKey: "sk-worker" }).countTokens({ messages: QUESTION }); // build the tokenizer now, not in a burst
  process.on("message", (message: WorkerRun | { type: "exit" }) => {
    if (message.type === "exit") {
      void Promise.all([...[...ledgers.values()].map((ledger) => ledger.close()), openai.close(), bedrock.close()]).then(() => process.disconnect());
      return;
    }
    run(message, { openai, bedrock }).then(send, (error: unknown) =>
      send({ type: "done", ids: [], succeeded: 0, refused: 0, errors: [`run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`] }),
    );
  });
  await send({ type: "ready" });
}

void main();
