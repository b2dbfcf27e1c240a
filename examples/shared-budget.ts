/**
 * Workers that share one budget: two workers (in production, two processes or two machines) take
 * support tickets of two tenants off one queue and run each through a LangGraph graph (triage on
 * Claude 3 Haiku, then an answer on gpt-4o). Each worker has its own factory, tracker and ledger
 * connection, all on ONE ledger: the tenant's daily budget holds across the workers, so once
 * acme's calls have used it up, acme's next tickets are refused before any request while beta's
 * go on. The ledger then prints what each tenant spent, as `npx orchestratai-llm costs` would.
 *
 *   npm run example:shared-budget             # offline, on the package's stand-in servers, a temp SQLite file
 *   npm run example:shared-budget -- --live   # real APIs, with your credentials
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { BudgetExceededError } from "../src/errors";
import { AgentRole, ProviderFactory } from "../src/factory";
import { sqliteLedger } from "../src/ledger/sqlite-ledger";
import type { Budget, LedgerTotals } from "../src/ledger/ledger-types";
import { CostTracker } from "../src/tracking/cost-tracker";
import { offlineOrLive, runFromCommandLine } from "./run-example";

/** The budget every worker is given: $0.002 a day for each tenant (UTC days). */
export const TENANT_BUDGET: Budget = { usd: 0.002, window: "day", by: "tenant" };

/** A support ticket of a tenant. */
export interface Ticket {
  id: string;
  tenant: string;
  question: string;
}

/** The queue: acme sends more than its budget pays for; beta a few. */
export const TICKETS: readonly Ticket[] = [
  ...["reset my password", "download an invoice", "change my plan", "add a user", "export my data", "close my account", "update my card", "rename the workspace"].map((question, index) => ({
    id: `acme-${index + 1}`,
    tenant: "acme",
    question: `How do I ${question}?`,
  })),
  ...["see last month's usage", "invite a colleague", "enable single sign-on"].map((question, index) => ({ id: `beta-${index + 1}`, tenant: "beta", question: `How do I ${question}?` })),
];

const TicketState = Annotation.Root({ question: Annotation<string>(), topic: Annotation<string>(), answer: Annotation<string>() });

/** Node "triage" (the guide role, Claude 3 Haiku), then node "respond" (the hybrid role, gpt-4o). */
export function buildTicketGraph(factory: ProviderFactory) {
  return new StateGraph(TicketState)
    .addNode("triage", async (state, config) => {
      const reply = await factory.runnableFor(AgentRole.ORCHESTRATOR_GUIDE).invoke([new SystemMessage("Name the topic of this ticket in two words."), new HumanMessage(state.question)], config);
      return { topic: reply.text };
    })
    .addNode("respond", async (state, config) => {
      const reply = await factory.runnableFor(AgentRole.HYBRID).invoke([new SystemMessage("Answer the support ticket in one sentence."), new HumanMessage(state.question)], config);
      return { answer: reply.text };
    })
    .addEdge(START, "triage")
    .addEdge("triage", "respond")
    .addEdge("respond", END)
    .compile();
}

/** How one ticket ended. */
export interface TicketOutcome {
  ticket: Ticket;
  worker: number;
  /** The answer, or the budget that refused a call of the ticket. */
  answer?: string;
  refusedBy?: string;
}

/** What a run of the example returns. */
export interface SharedBudgetRun {
  where: string;
  outcomes: TicketOutcome[];
  /** The ledger's totals by tenant. */
  totals: LedgerTotals;
  /** The ledger's report by tenant. */
  report: string;
}

/** Options of {@link main}. */
export interface SharedBudgetOptions {
  live?: boolean;
  /** How many workers share the queue (default 2). */
  workers?: number;
  /** The SQLite file (default: a new temp file, removed afterwards). */
  ledgerPath?: string;
  log?: (line: string) => void;
}

async function runWorkers(env: Record<string, string | undefined> | undefined, where: string, file: string, options: SharedBudgetOptions): Promise<SharedBudgetRun> {
  const log = options.log ?? (() => {});
  log(where);
  const queue = [...TICKETS];
  const outcomes: TicketOutcome[] = [];
  const ledgers = [];
  const work = async (worker: number): Promise<void> => {
    // What each worker process does at start: its own ledger connection and tracker, the same budget.
    const ledger = sqliteLedger({ path: file, dimensions: ["tenant"], spoolDir: path.dirname(file) });
    ledgers.push(ledger);
    const tracker = new CostTracker({ ledger, budgets: [TENANT_BUDGET], reserveOutputTokens: 50 });
    const graph = buildTicketGraph(new ProviderFactory({ env, tracker }));
    for (let ticket = queue.shift(); ticket !== undefined; ticket = queue.shift()) {
      const config = { metadata: { tenant: ticket.tenant }, configurable: { thread_id: ticket.id } };
      try {
        const state = await graph.invoke({ question: ticket.question }, config);
        outcomes.push({ ticket, worker, answer: state.answer });
        log(`worker ${worker}  ${ticket.id}: ${state.answer}`);
      } catch (error) {
        if (!(error instanceof BudgetExceededError)) throw error;
        outcomes.push({ ticket, worker, refusedBy: error.budget });
        log(`worker ${worker}  ${ticket.id}: refused, over the budget ${error.budget}`);
      }
    }
    await ledger.close();
  };
  await Promise.all(Array.from({ length: options.workers ?? 2 }, (_, worker) => work(worker + 1)));

  const reader = sqliteLedger({ path: file }); // what `npx orchestratai-llm costs --ledger <file> --by tenant` prints
  const totals = await reader.totals({ by: "tenant" });
  const report = await reader.report({ by: "tenant" });
  await reader.close();
  log(report);
  return { where, outcomes, totals, report };
}

/** Runs the workers over the queue (offline unless `live`), printing through `log`, and returns what happened. */
export async function main(options: SharedBudgetOptions = {}): Promise<SharedBudgetRun> {
  const dir = options.ledgerPath === undefined ? mkdtempSync(path.join(tmpdir(), "orchestratai-shared-budget-")) : undefined;
  const file = options.ledgerPath ?? path.join(dir!, "costs.db");
  try {
    return await offlineOrLive(options.live, ({ env, where }) => runWorkers(env, where, file, options));
  } finally {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) runFromCommandLine((live) => main({ live, log: (line) => console.log(line) }));
