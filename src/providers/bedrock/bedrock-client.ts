import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { ConfigurationError } from "../../errors";
import { resolveSecret } from "../../secrets";
import { rememberSecret } from "../../secrets/redact";
import { variableValue } from "../../secrets/resolve-secret";
import { DEFAULT_MAX_RETRIES } from "../chat-provider";
import { bedrockCredentialProvider, type BedrockCredentials } from "./bedrock-credentials";
import { BedrockHttpHandler } from "./bedrock-http-handler";
import { BedrockRetryStrategy } from "./bedrock-retry";
import { onceUntilFailure } from "./once-until-failure";

/** What the client is built from. */
export interface BedrockClientOptions {
  /** AWS region; else AWS_REGION, AWS_DEFAULT_REGION, then `resolveSecret("AWS_REGION")` at the first request. */
  region?: string;
  /** Endpoint URL; else AWS_ENDPOINT_URL_BEDROCK_RUNTIME, then AWS_ENDPOINT_URL, then AWS's. */
  endpoint?: string;
  /** Fixed credentials or a provider; else {@link bedrockCredentialProvider}. */
  credentials?: BedrockCredentials;
  /** Variables to read region, endpoint and secrets from; `process.env` when undefined. */
  env?: Record<string, string | undefined>;
  /** Retries of a retryable failure, default 2 (the client's retry strategy is the only retry layer). */
  maxRetries?: number;
}

/** The region known without any lookup: the option, then AWS_REGION, then AWS_DEFAULT_REGION. */
export function regionFromSettings(options: Pick<BedrockClientOptions, "region" | "env">): string | undefined {
  const env = options.env ?? process.env;
  return options.region ?? variableValue(env, "AWS_REGION") ?? variableValue(env, "AWS_DEFAULT_REGION");
}

/** The endpoint: the option, then AWS_ENDPOINT_URL_BEDROCK_RUNTIME, then AWS_ENDPOINT_URL (undefined: AWS's own). */
function endpointFromSettings(options: Pick<BedrockClientOptions, "endpoint" | "env">): string | undefined {
  const env = options.env ?? process.env;
  return options.endpoint ?? variableValue(env, "AWS_ENDPOINT_URL_BEDROCK_RUNTIME") ?? variableValue(env, "AWS_ENDPOINT_URL");
}

/**
 * What tells one client's connection from another's: the endpoint and the region known without a
 * lookup. Providers whose settings give the same key can share one client (and its connections).
 */
export function bedrockConnectionKey(options: Pick<BedrockClientOptions, "region" | "endpoint" | "env">): string {
  return JSON.stringify([endpointFromSettings(options) ?? "", regionFromSettings(options) ?? ""]);
}

/**
 * The region as an async provider: {@link regionFromSettings}, else `resolveSecret("AWS_REGION")`
 * (`.env`, 1Password) at the first request, else a `ConfigurationError` naming what to set.
 * A found region is kept; a failed lookup is tried again at the next request.
 */
function bedrockRegionProvider(options: Pick<BedrockClientOptions, "region" | "env">): () => Promise<string> {
  const lookUp = async (): Promise<string> => {
    try {
      return await resolveSecret("AWS_REGION", { env: options.env });
    } catch (error) {
      throw new ConfigurationError(
        `No AWS region for Bedrock: pass { region: "us-east-1" } (or your region), set AWS_REGION or ` +
          `AWS_DEFAULT_REGION, or store AWS_REGION in .env or 1Password. (${error instanceof Error ? error.message : String(error)})`,
        { cause: error },
      );
    }
  };
  return onceUntilFailure(lookUp, regionFromSettings(options));
}

type CredentialIdentity = Exclude<BedrockCredentials, (...args: never[]) => unknown>;

function rememberIdentity(identity: CredentialIdentity): CredentialIdentity {
  for (const value of [identity.accessKeyId, identity.secretAccessKey, identity.sessionToken]) rememberSecret(value);
  return identity;
}

/** The credentials, each identity they give remembered as secrets, so that no error of the package repeats them. */
function rememberedCredentials(credentials: BedrockCredentials): BedrockCredentials {
  if (typeof credentials !== "function") return rememberIdentity(credentials);
  return async (properties) => rememberIdentity(await credentials(properties));
}

/** Concurrent connections per client (the SDK's default of 50 queues a burst of agent calls). */
const MAX_SOCKETS = 256;

/**
 * Builds the Bedrock Runtime client the provider uses:
 * - endpoint from {@link endpointFromSettings} (an `http://` stand-in works: the URL is used as is);
 * - region from {@link bedrockRegionProvider}, credentials from {@link bedrockCredentialProvider},
 *   both resolved at the first request;
 * - a keep-alive HTTP/1.1 `NodeHttpHandler` instead of the SDK's default HTTP/2 handler, which opens
 *   an isolated session (a new TLS handshake) per request for this client, checking that every
 *   successful answer is the API's (`BedrockHttpHandler`);
 * - {@link BedrockRetryStrategy} with `maxRetries`: the one retry layer of Bedrock calls.
 */
export function createBedrockClient(options: BedrockClientOptions = {}): BedrockRuntimeClient {
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  return new BedrockRuntimeClient({
    region: bedrockRegionProvider(options),
    endpoint: endpointFromSettings(options),
    credentials: rememberedCredentials(options.credentials ?? bedrockCredentialProvider({ env: options.env })),
    requestHandler: new BedrockHttpHandler({
      httpAgent: { keepAlive: true, maxSockets: MAX_SOCKETS },
      httpsAgent: { keepAlive: true, maxSockets: MAX_SOCKETS },
    }),
    maxAttempts: maxRetries + 1,
    retryStrategy: new BedrockRetryStrategy(maxRetries),
  });
}
