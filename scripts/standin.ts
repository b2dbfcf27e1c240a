/**
 * `npm run standin -- --openai-port 4010 --bedrock-port 4011 [--host 127.0.0.1] [--api-key KEY]`
 *
 * Starts the OpenAI and Bedrock Runtime stand-ins on fixed ports and prints the variables that point
 * an app at them. Every request gets the default reply (see `@orchestratai/llm/testing`). Ctrl-C stops both.
 */
import { parseArgs } from "node:util";
import { startBedrockStandIn, startOpenAIStandIn } from "../src/testing";

function port(value: string | undefined, flag: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new Error(`${flag} must be a port number from 0 to 65535, got ${JSON.stringify(value)}.`);
  }
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      "openai-port": { type: "string", default: "4010" },
      "bedrock-port": { type: "string", default: "4011" },
      host: { type: "string", default: "127.0.0.1" },
      "api-key": { type: "string" },
    },
  });
  const host = values.host;
  const openai = await startOpenAIStandIn({ host, port: port(values["openai-port"], "--openai-port"), apiKey: values["api-key"] });
  const bedrock = await startBedrockStandIn({ host, port: port(values["bedrock-port"], "--bedrock-port") });
  console.log(`export OPENAI_BASE_URL=${openai.url}/v1`);
  console.log(`export AWS_ENDPOINT_URL_BEDROCK_RUNTIME=${bedrock.url}`);
  console.log("# Clients still need some OPENAI_API_KEY and AWS credentials + region (any values). Ctrl-C stops both.");

  const stop = (): void => {
    Promise.all([openai.close(), bedrock.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
