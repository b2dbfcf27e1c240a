import { costsCommand, COSTS_USAGE, type CommandOutput } from "./costs-command";

const USAGE = `Usage: orchestratai-llm <command> [options]

Commands:
  costs    what a cost ledger recorded (orchestratai-llm costs --help)
`;

/** The `orchestratai-llm` command line. @returns the exit code. */
export async function runCli(argv: readonly string[], output: CommandOutput): Promise<number> {
  const [command, ...args] = argv;
  if (command === "costs") return costsCommand(args, output);
  if (command === undefined || command === "--help" || command === "help") {
    output.out(`${USAGE}\n${COSTS_USAGE}`);
    return command === undefined ? 2 : 0;
  }
  output.err(`Unknown command "${command}".\n\n${USAGE}`);
  return 2;
}
