import type { BedrockRuntimeClientConfig } from "@aws-sdk/client-bedrock-runtime";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { ConfigurationError, OnePasswordError, SecretNotFoundError } from "../../errors";
import { resolveSecret } from "../../secrets";
import { onceUntilFailure } from "./once-until-failure";

/** AWS credentials as `BedrockRuntimeClient` takes them: fixed keys, or a function resolving them. */
export type BedrockCredentials = NonNullable<BedrockRuntimeClientConfig["credentials"]>;
/** A function resolving AWS credentials (`AwsCredentialIdentityProvider`). */
export type BedrockCredentialProvider = Extract<BedrockCredentials, (...args: never[]) => unknown>;
type CredentialIdentity = Awaited<ReturnType<BedrockCredentialProvider>>;

/** Where to look for the keys. */
export interface BedrockCredentialOptions {
  /** Variables to read the keys from instead of `process.env` (passed to `resolveSecret`). */
  env?: Record<string, string | undefined>;
}

/** A secret that may be absent (`AWS_SESSION_TOKEN`): undefined when no source has it or 1Password cannot answer. */
async function optionalSecret(key: string, env: BedrockCredentialOptions["env"]): Promise<string | undefined> {
  try {
    return await resolveSecret(key, { env });
  } catch (error) {
    if (error instanceof SecretNotFoundError || error instanceof OnePasswordError) return undefined;
    throw error;
  }
}

/** The AWS default credential chain, failing with an error that names both routes tried. */
function defaultChain(keyError: SecretNotFoundError | OnePasswordError): BedrockCredentialProvider {
  // ignoreCache: re-read ~/.aws at each lookup, so a profile or SSO login made after a failure is found.
  const chain = defaultProvider({ ignoreCache: true });
  return async (properties) => {
    try {
      return await chain(properties);
    } catch (chainError) {
      const reason = chainError instanceof Error ? chainError.message : String(chainError);
      throw new ConfigurationError(
        `No AWS credentials for Bedrock. (1) Access keys: ${keyError.message} ` +
          `(2) The AWS default credential chain (environment, SSO, profiles in ~/.aws, credential process, web identity, ` +
          `container and instance roles) found none: ${reason}. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY ` +
          `(environment, .env or 1Password), or configure an AWS profile (\`aws configure\`, \`aws sso login\`).`,
        { cause: new AggregateError([keyError, chainError], "both AWS credential routes failed") },
      );
    }
  };
}

/** Decides, once, where the credentials come from: access keys through `resolveSecret`, else the default chain. */
async function chooseRoute(env: BedrockCredentialOptions["env"]): Promise<BedrockCredentialProvider> {
  let accessKeyId: string;
  try {
    accessKeyId = await resolveSecret("AWS_ACCESS_KEY_ID", { env });
  } catch (error) {
    if (error instanceof SecretNotFoundError || error instanceof OnePasswordError) return defaultChain(error);
    throw error;
  }
  const secretAccessKey = await resolveSecret("AWS_SECRET_ACCESS_KEY", { env });
  const sessionToken = await optionalSecret("AWS_SESSION_TOKEN", env);
  const identity: CredentialIdentity = sessionToken === undefined ? { accessKeyId, secretAccessKey } : { accessKeyId, secretAccessKey, sessionToken };
  return async () => identity;
}

/**
 * The credential provider a Bedrock client gets when none is given, resolved at the first request
 * (never at import or construction) and then kept:
 * 1. `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (and `AWS_SESSION_TOKEN` when present) through
 *    `resolveSecret`: the variables, `.env`, then 1Password;
 * 2. when no access key is found anywhere (`SecretNotFoundError`, or `OnePasswordError` from an `op`
 *    that cannot answer), the AWS default credential chain: profiles, SSO, container and instance
 *    roles (it refreshes expiring credentials itself);
 * 3. if that finds none either, a `ConfigurationError` naming both routes.
 * An access key without its secret key is a `SecretNotFoundError` for the secret key. A failed
 * lookup is not kept: the next request looks again.
 */
export function bedrockCredentialProvider(options: BedrockCredentialOptions = {}): BedrockCredentialProvider {
  const route = onceUntilFailure(() => chooseRoute(options.env));
  return async (properties) => (await route())(properties);
}
