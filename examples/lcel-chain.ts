/**
 * LCEL chains on role models: `prompt | model.withStructuredOutput(zod schema)` triages a support
 * ticket on the analysis role (Claude 3.5 Sonnet on Bedrock), then `prompt | model | parser` drafts
 * the reply on the hybrid role (gpt-4o). Both calls are priced into the factory's tracker.
 *
 *   npm run example:lcel-chain             # offline, on the package's stand-in servers
 *   npm run example:lcel-chain -- --live   # real APIs, with your credentials
 */
import { StringOutputParser } from "@langchain/core/output_parsers";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { z } from "zod";
import { AgentRole, ProviderFactory } from "../src/factory";
import { offlineOrLive, runFromCommandLine, withCostReport, type ReportedRun } from "./run-example";

/** What the triage chain extracts from a ticket. */
export const TicketTriage = z.object({
  category: z.enum(["billing", "technical", "account"]).describe("What the ticket is about"),
  urgency: z.number().int().min(1).max(5).describe("1 = whenever, 5 = now"),
  summary: z.string().describe("The problem in one sentence"),
});
/** A triaged ticket. */
export type TicketTriage = z.infer<typeof TicketTriage>;

/** `prompt | analysis model with structured output`: ticket text in, {@link TicketTriage} out. */
export function buildTriageChain(factory: ProviderFactory) {
  const prompt = ChatPromptTemplate.fromMessages([
    ["system", "Triage the support ticket: its category, its urgency and a one-sentence summary."],
    ["human", "{ticket}"],
  ]);
  return prompt.pipe(factory.runnableFor(AgentRole.ORCHESTRATOR_ANALYSIS).withStructuredOutput(TicketTriage, { name: "ticket_triage" }));
}

/** `prompt | hybrid model | string parser`: ticket and category in, the reply text out. */
export function buildReplyChain(factory: ProviderFactory) {
  const prompt = ChatPromptTemplate.fromMessages([
    ["system", "You write short, friendly replies to {category} support tickets."],
    ["human", "{ticket}"],
  ]);
  return prompt.pipe(factory.runnableFor(AgentRole.HYBRID)).pipe(new StringOutputParser());
}

/** The ticket the example triages. */
export const SAMPLE_TICKET = "I was charged twice for my March invoice, please refund one of the payments.";

/** What a run of the example returns. */
export interface ChainRun extends ReportedRun {
  triage: TicketTriage;
  reply: string;
}

/**
 * Runs both chains on {@link SAMPLE_TICKET}, offline unless `live`. Offline, the stand-ins answer
 * the structured call with a value generated from the schema and the reply with their default text.
 */
export async function main(options: { live?: boolean; log?: (line: string) => void } = {}): Promise<ChainRun> {
  const log = options.log ?? (() => {});
  return offlineOrLive(options.live, ({ env, where }) => {
    const factory = new ProviderFactory({ env });
    return withCostReport(factory.tracker, where, log, async () => {
      const triage = await buildTriageChain(factory).invoke({ ticket: SAMPLE_TICKET });
      log(`triage: ${JSON.stringify(triage)}`);
      const reply = await buildReplyChain(factory).invoke({ ticket: SAMPLE_TICKET, category: triage.category });
      log(`reply: ${reply}`);
      return { triage, reply };
    });
  });
}

if (require.main === module) runFromCommandLine((live) => main({ live, log: (line) => console.log(`${line}\n`) }));
