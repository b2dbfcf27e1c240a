/**
 * The bench's stand-in servers, run in a child process (forked by stand-in-client.ts) so that their
 * work is on the other core and never in the timings of the client under test. Answers IPC
 * messages from the parent: queue replies, reset, count requests by operation.
 */
import { startBedrockStandIn } from "../src/testing/bedrock-stand-in";
import { startOpenAIStandIn } from "../src/testing/openai-stand-in";
import type { ScriptedReply, StandIn } from "../src/testing/stand-in-types";
import type { StandInCommand, StandInAnswer } from "./stand-in-client";

async function main(): Promise<void> {
  const servers: Record<"openai" | "bedrock", StandIn> = { openai: await startOpenAIStandIn(), bedrock: await startBedrockStandIn() };
  const answer = (message: StandInAnswer): void => {
    process.send?.(message);
  };
  process.on("message", (command: StandInCommand) => {
    const server = servers[command.kind];
    if (command.type === "reply") for (const script of command.scripts as ScriptedReply[]) server.reply(script);
    if (command.type === "reset") server.reset();
    const byOperation: Record<string, number> = {};
    for (const request of server.requests) byOperation[request.operation] = (byOperation[request.operation] ?? 0) + 1;
    answer({ id: command.id, requests: server.requests.length, byOperation });
  });
  process.on("disconnect", () => {
    void Promise.all(Object.values(servers).map((server) => server.close())).then(() => process.exit(0));
  });
  answer({ id: 0, urls: { openai: servers.openai.url, bedrock: servers.bedrock.url }, requests: 0, byOperation: {} });
}

void main();
