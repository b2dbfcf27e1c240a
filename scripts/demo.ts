/**
 * `npm run demo`: the langgraph-router example over a handful of questions, printing each answer
 * and the cost report. Offline by default, on stand-in servers it starts itself (no account, no
 * network); `npm run demo -- --live` calls the real OpenAI and Bedrock APIs with your credentials
 * (environment, `.env` or 1Password).
 */
import { main as runRouter, type RouterQuestion } from "../examples/langgraph-router";
import { quietAwsNodeVersionWarning } from "../examples/run-example";

/** The questions the demo asks, with the route the offline stand-in is scripted to choose. */
export const DEMO_QUESTIONS: readonly RouterQuestion[] = [
  { text: "Can I get a refund for a damaged item?", offlineRoute: "rag" },
  { text: "How long does express shipping take?", offlineRoute: "rag" },
  { text: "What are the support office hours?", offlineRoute: "cag" },
  { text: "When are invoices sent?", offlineRoute: "cag" },
  { text: "What is the capital of Australia?", offlineRoute: "direct" },
  { text: "What can you help me with?", offlineRoute: "guide" },
];

const USAGE = `Usage: npm run demo [-- --live]

Runs the LangGraph router (analysis on Claude 3.5 Sonnet, RAG on gpt-4-turbo, CAG / direct / guide
on Claude 3 Haiku) over ${DEMO_QUESTIONS.length} questions and prints the answers and the cost report.

  (no flag)  offline: starts local stand-in servers for OpenAI and Bedrock; nothing leaves the machine;
             the routes and answers are scripted by the stand-ins (docs/testing.md)
  --live     calls the real APIs: needs OPENAI_API_KEY, AWS credentials and AWS_REGION
             (environment, .env or 1Password); model variables such as DEFAULT_RAG_MODEL apply
  --help     prints this text`;

/**
 * Runs the demo with command-line arguments, printing through `log`.
 * @returns the process exit code.
 */
export async function demo(args: readonly string[], log: (line: string) => void = console.log): Promise<number> {
  const unknown = args.filter((arg) => arg !== "--live" && arg !== "--help");
  if (args.includes("--help") || unknown.length > 0) {
    if (unknown.length > 0) log(`Unknown option: ${unknown.join(" ")}\n`);
    log(USAGE);
    return unknown.length > 0 ? 2 : 0;
  }
  quietAwsNodeVersionWarning();
  await runRouter({ live: args.includes("--live"), questions: DEMO_QUESTIONS, log: (line) => log(`${line}\n`) });
  return 0;
}

if (require.main === module) {
  demo(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
