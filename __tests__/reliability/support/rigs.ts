import { AgentRole, ProviderFactory, type ProviderFactoryOptions } from "../../../src/factory";
import { BedrockProvider } from "../../../src/providers/bedrock/bedrock-provider";
import { OpenAIProvider } from "../../../src/providers/openai/openai-provider";
import type { LLMProvider } from "../../../src/providers/provider";
import { startBedrockStandIn } from "../../../src/testing/bedrock-stand-in";
import { startOpenAIStandIn } from "../../../src/testing/openai-stand-in";
import type { StandIn } from "../../../src/testing/stand-in-types";
import type { PricingTable } from "../../../src/pricing";
import type { CostTracker } from "../../../src/tracking/cost-tracker";
import { useForBlock } from "../../helpers/use-for-block";

/** The providers the reliability suite runs against. */
export type ProviderKind = "openai" | "bedrock";

/** Every provider kind, for `describe.each`. */
export const PROVIDER_KINDS: readonly ProviderKind[] = ["openai", "bedrock"];

/** The model each kind calls, and its price (USD per 1M tokens, from the providers' pricing pages). */
export const MODELS: Record<ProviderKind, { id: string; input: number; output: number }> = {
  openai: { id: "gpt-4o", input: 2.5, output: 10 },
  bedrock: { id: "anthropic.claude-3-haiku-20240307-v1:0", input: 0.25, output: 1.25 },
};

/** The role whose default model is each kind's (gpt-4o for HYBRID, Claude 3 Haiku for DIRECT). */
export const ROLES: Record<ProviderKind, AgentRole.HYBRID | AgentRole.DIRECT> = { openai: AgentRole.HYBRID, bedrock: AgentRole.DIRECT };

/** Per-provider settings a test varies. */
export interface RigSettings {
  maxRetries?: number;
  timeoutMs?: number;
  tracker?: CostTracker;
  pricing?: PricingTable;
}

/** A stand-in server and a way to build providers pointed at it. */
export interface Rig {
  kind: ProviderKind;
  server: StandIn;
  /** A provider on the real SDK class, talking to `server`; maxRetries 0 unless given. */
  provider(settings?: RigSettings): LLMProvider;
  /**
   * A provider given no key: it finds its secrets (and the stand-in's endpoint, added here) in
   * `env` alone, through `resolveSecret`, as a user's process would.
   */
  providerFromEnv(env: Record<string, string>, settings?: RigSettings): LLMProvider;
  /** The variables that point a ProviderFactory's {@link ROLES} role at `server`, with test credentials. */
  env: Record<string, string>;
  /** A ProviderFactory on {@link env}: `factory.runnableFor(ROLES[kind])` talks to `server`. */
  factory(options?: Omit<ProviderFactoryOptions, "env">): ProviderFactory;
  close(): Promise<void>;
}

/** Test credentials for the Bedrock stand-in (it checks that requests are SigV4-signed, not by whom). */
const AWS_TEST_CREDENTIALS = { accessKeyId: "AKIDRELIABILITYTEST", secretAccessKey: "reliability-test-secret" };

async function startBedrockRig(): Promise<Rig> {
  const server = await startBedrockStandIn();
  const model = MODELS.bedrock.id;
  const env = {
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: server.url,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: AWS_TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: AWS_TEST_CREDENTIALS.secretAccessKey,
    USE_ONEPASSWORD: "false",
  };
  return {
    kind: "bedrock",
    server,
    env,
    factory: (options = {}) => new ProviderFactory({ ...options, env }),
    provider: (settings = {}) =>
      new BedrockProvider({ model, endpoint: server.url, region: "us-east-1", credentials: AWS_TEST_CREDENTIALS, maxRetries: 0, ...settings }),
    providerFromEnv: (env, settings = {}) =>
      new BedrockProvider({ model, env: { ...env, AWS_REGION: "us-east-1", AWS_ENDPOINT_URL_BEDROCK_RUNTIME: server.url }, maxRetries: 0, ...settings }),
    close: () => server.close(),
  };
}

/** Starts the stand-in of `kind` and returns its rig. */
export async function startRig(kind: ProviderKind): Promise<Rig> {
  if (kind === "bedrock") return startBedrockRig();
  const server = await startOpenAIStandIn();
  const env = { OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_API_KEY: "sk-reliability", USE_ONEPASSWORD: "false" };
  return {
    kind,
    server,
    env,
    factory: (options = {}) => new ProviderFactory({ ...options, env }),
    provider: (settings = {}) =>
      new OpenAIProvider({ model: MODELS.openai.id, apiKey: "sk-reliability", baseURL: `${server.url}/v1`, maxRetries: 0, ...settings }),
    providerFromEnv: (env, settings = {}) =>
      new OpenAIProvider({ model: MODELS.openai.id, env: { ...env, OPENAI_BASE_URL: `${server.url}/v1` }, maxRetries: 0, ...settings }),
    close: () => server.close(),
  };
}

/** A rig of `kind` for the enclosing block: started before all its tests, its server reset before each, closed after all. */
export function useRig(kind: ProviderKind): Rig {
  return useForBlock({ name: `The ${kind} rig`, start: () => startRig(kind), reset: (rig) => rig.server.reset(), stop: (rig) => rig.close() });
}

/** Runs `work` with a fresh rig of `kind`, closing it afterwards (for concurrent tests). */
export async function withRig<T>(kind: ProviderKind, work: (rig: Rig) => Promise<T>): Promise<T> {
  const rig = await startRig(kind);
  try {
    return await work(rig);
  } finally {
    await rig.close();
  }
}

/** The dollar cost of a call on `kind`'s model with these token counts (no cache). */
export function expectedCost(kind: ProviderKind, input: number, output: number): number {
  const price = MODELS[kind];
  return (input * price.input + output * price.output) / 1e6;
}
