import { startBedrockStandIn } from "./bedrock-stand-in";
import { startOpenAIStandIn } from "./openai-stand-in";
import type { StandIn, StandInOptions } from "./stand-in-types";

/** Options of {@link startStandIns}: each server's own options. */
export interface StandInsOptions {
  openai?: StandInOptions;
  bedrock?: StandInOptions;
}

/** Both stand-in servers, and the variables that point a `ProviderFactory` at them. */
export interface StandIns {
  /** The OpenAI stand-in (`openai.url + "/v1"` is its base URL). */
  openai: StandIn;
  /** The Bedrock Runtime stand-in. */
  bedrock: StandIn;
  /**
   * Give this to `new ProviderFactory({ env })`: `OPENAI_BASE_URL` and
   * `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` at the stand-ins, `AWS_REGION`, throwaway credentials
   * (`OPENAI_API_KEY`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`) and `USE_ONEPASSWORD=false`.
   * It holds no model variables, so each role gets its default model.
   */
  env: Record<string, string>;
  /** Stops both servers. */
  close(): Promise<void>;
}

/** The throwaway credentials in {@link StandIns.env}; the stand-ins accept any. */
const OFFLINE_CREDENTIALS = {
  OPENAI_API_KEY: "sk-offline-stand-in",
  AWS_ACCESS_KEY_ID: "AKIAOFFLINESTANDIN00",
  AWS_SECRET_ACCESS_KEY: "offline-stand-in-secret",
} as const;

/**
 * Starts the OpenAI and Bedrock stand-ins on free loopback ports, in one call, for an offline run
 * of code that uses the factory: `new ProviderFactory({ env: standIns.env })`. If the second server
 * fails to start, the first is stopped before the error is thrown.
 *
 * @example
 * const standIns = await startStandIns();
 * const factory = new ProviderFactory({ env: standIns.env });
 * // … calls through factory.forRole(role) / factory.runnableFor(role) …
 * await standIns.close();
 */
export async function startStandIns(options: StandInsOptions = {}): Promise<StandIns> {
  const openai = await startOpenAIStandIn(options.openai);
  let bedrock: StandIn;
  try {
    bedrock = await startBedrockStandIn(options.bedrock);
  } catch (error) {
    await openai.close();
    throw error;
  }
  return {
    openai,
    bedrock,
    env: {
      OPENAI_BASE_URL: `${openai.url}/v1`,
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrock.url,
      AWS_REGION: "us-east-1",
      ...OFFLINE_CREDENTIALS,
      USE_ONEPASSWORD: "false",
    },
    close: async () => {
      await Promise.all([openai.close(), bedrock.close()]);
    },
  };
}
