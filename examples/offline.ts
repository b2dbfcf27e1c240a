/**
 * Runs the examples without any account: starts the package's OpenAI and Bedrock stand-in servers
 * on 127.0.0.1 and gives an environment that points a `ProviderFactory` at them (with throwaway
 * credentials, 1Password off). Real code imports these from "@orchestratai/llm/testing".
 */
import { startBedrockStandIn, startOpenAIStandIn, type StandIn } from "../src/testing";

/** Both stand-in servers, and the variables that point a factory at them. */
export interface OfflineServers {
  openai: StandIn;
  bedrock: StandIn;
  /** Give this to `new ProviderFactory({ env })`: endpoints, fake keys, `USE_ONEPASSWORD=false`. */
  env: Record<string, string>;
  /** One line saying where the servers listen, for the console. */
  describe(): string;
  /** Stops both servers. */
  close(): Promise<void>;
}

/** Starts both stand-in servers on free loopback ports. */
export async function startOfflineServers(): Promise<OfflineServers> {
  const openai = await startOpenAIStandIn();
  let bedrock: StandIn;
  try {
    bedrock = await startBedrockStandIn();
  } catch (error) {
    await openai.close();
    throw error;
  }
  return {
    openai,
    bedrock,
    env: {
      OPENAI_BASE_URL: `${openai.url}/v1`,
      OPENAI_API_KEY: "sk-offline-stand-in",
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrock.url,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "AKIAOFFLINESTANDIN00",
      AWS_SECRET_ACCESS_KEY: "offline-stand-in-secret",
      USE_ONEPASSWORD: "false",
    },
    describe: () => `offline: stand-in servers at ${openai.url} (OpenAI) and ${bedrock.url} (Bedrock); no real API is called`,
    close: async () => {
      await Promise.all([openai.close(), bedrock.close()]);
    },
  };
}

/**
 * Runs `work` against fresh stand-in servers and stops them afterwards, even when it fails.
 * @returns what `work` returns.
 */
export async function withOfflineServers<T>(work: (servers: OfflineServers) => Promise<T>): Promise<T> {
  const servers = await startOfflineServers();
  try {
    return await work(servers);
  } finally {
    await servers.close();
  }
}

/** What the examples print first when they call the real APIs (`--live`). */
export const LIVE_APIS = "live: calling the real OpenAI and Bedrock APIs with your credentials";

/** Runs an example from the command line: `--live` calls the real APIs; a failure is printed and sets the exit code. */
export function runFromCommandLine(run: (live: boolean) => Promise<unknown>): void {
  run(process.argv.includes("--live")).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
