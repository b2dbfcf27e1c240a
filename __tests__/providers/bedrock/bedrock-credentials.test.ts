import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigurationError, SecretNotFoundError } from "../../../src/errors";
import { bedrockConnectionKey } from "../../../src/providers/bedrock/bedrock-client";
import { REGION_RESOLVED_BY_CLIENT } from "../../../src/providers/bedrock/bedrock-provider";
import { clearSecretCache } from "../../../src/secrets";
import { createFakeOp, type FakeOp } from "../../helpers/fake-op";
import { useBedrockStandIn } from "../../helpers/stand-ins";
import { providerFor, recordSignedScopes, TEST_ENV } from "./bedrock-rig";

const server = useBedrockStandIn();

/** Variables of this process the provider and the AWS default chain read; each test starts without them and gets them back after. */
const CHAIN_VARIABLES = [
  "HOME", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL", "USE_ONEPASSWORD", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_CONFIG_FILE", "AWS_EC2_METADATA_DISABLED", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
];
let saved: Record<string, string | undefined>;
let home: string;
const cleanups: (() => void)[] = [];

beforeEach(() => {
  saved = Object.fromEntries(CHAIN_VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of CHAIN_VARIABLES) delete process.env[name];
  home = mkdtempSync(join(tmpdir(), "bedrock-home-"));
  process.env.HOME = home;
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, ".aws", "credentials");
  process.env.AWS_CONFIG_FILE = join(home, ".aws", "config");
  process.env.AWS_EC2_METADATA_DISABLED = "true"; // never reach for an instance role: loopback only
  clearSecretCache();
});

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rmSync(home, { recursive: true, force: true });
  clearSecretCache();
});

/** Writes a default profile into the temp HOME's shared credentials file (the AWS default chain reads it). */
function writeDefaultProfile(accessKeyId: string): void {
  mkdirSync(join(home, ".aws"), { recursive: true });
  writeFileSync(join(home, ".aws", "credentials"), `[default]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = profile-secret\n`);
  writeFileSync(join(home, ".aws", "config"), "[default]\nregion = us-west-2\n");
}

function fakeOp(values: Record<string, string>, otherwise: "item-missing" | "signed-out" = "item-missing"): FakeOp {
  const fake = createFakeOp({ values, otherwise });
  const restorePath = fake.prependToPath();
  cleanups.push(() => {
    restorePath();
    fake.remove();
  });
  return fake;
}

const messages = [{ role: "user" as const, content: "Which credentials signed this?" }];

describe("Bedrock credentials, in order, resolved at the first request", () => {
  it("1. explicit `credentials` win over everything", async () => {
    const provider = providerFor(server.url, { credentials: { accessKeyId: "AKIDEXPLICIT", secretAccessKey: "explicit-secret" } });
    const scopes = recordSignedScopes(provider.client);
    await provider.complete({ messages });
    expect(scopes).toEqual([{ accessKeyId: "AKIDEXPLICIT", region: "us-east-1", service: "bedrock" }]);
  });

  it("2. AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the variables given as `env` (a session token when present)", async () => {
    const provider = providerFor(server.url, { env: { ...TEST_ENV, AWS_SESSION_TOKEN: "session-token-value" } });
    const scopes = recordSignedScopes(provider.client);
    await provider.complete({ messages });
    expect(scopes.map((scope) => scope.accessKeyId)).toEqual([TEST_ENV.AWS_ACCESS_KEY_ID]);
    expect(server.requests[0]?.headers["x-amz-security-token"]).toBe("***");
  });

  it("2. sends no session token when none is set", async () => {
    await providerFor(server.url).complete({ messages });
    expect(server.requests[0]?.headers["x-amz-security-token"]).toBeUndefined();
  });

  it("2. through 1Password (a fake `op` on PATH) when the variables have no keys, read once, at the first call", async () => {
    const fake = fakeOp({
      "op://orchestratai/AWS_ACCESS_KEY_ID/credential": "AKIDFROMONEPASSWORD",
      "op://orchestratai/AWS_SECRET_ACCESS_KEY/credential": "op-secret",
    });
    const provider = providerFor(server.url, { env: { AWS_REGION: "us-east-1" } });
    const scopes = recordSignedScopes(provider.client);
    expect(fake.count()).toBe(0);
    await provider.complete({ messages });
    await provider.complete({ messages });
    expect(scopes.map((scope) => scope.accessKeyId)).toEqual(["AKIDFROMONEPASSWORD", "AKIDFROMONEPASSWORD"]);
    expect(fake.invocations()).toEqual([
      "read op://orchestratai/AWS_ACCESS_KEY_ID/credential",
      "read op://orchestratai/AWS_SECRET_ACCESS_KEY/credential",
      "read op://orchestratai/AWS_SESSION_TOKEN/credential",
    ]);
  });

  it("3. the AWS default chain (a shared-credentials file in HOME) when no access key is found anywhere", async () => {
    writeDefaultProfile("AKIDFROMPROFILE");
    const provider = providerFor(server.url, { env: { AWS_REGION: "eu-central-1", USE_ONEPASSWORD: "false" } });
    const scopes = recordSignedScopes(provider.client);
    await provider.complete({ messages });
    expect(scopes).toEqual([{ accessKeyId: "AKIDFROMPROFILE", region: "eu-central-1", service: "bedrock" }]);
  });

  it("3. the AWS default chain also when 1Password cannot answer (signed out)", async () => {
    writeDefaultProfile("AKIDFROMPROFILE");
    const fake = fakeOp({}, "signed-out");
    const provider = providerFor(server.url, { env: { AWS_REGION: "us-east-1" } });
    const scopes = recordSignedScopes(provider.client);
    await provider.complete({ messages });
    expect(scopes.map((scope) => scope.accessKeyId)).toEqual(["AKIDFROMPROFILE"]);
    expect(fake.invocations()).toEqual(["read op://orchestratai/AWS_ACCESS_KEY_ID/credential"]);
  });

  it("4. a ConfigurationError naming both routes when the default chain finds nothing either; nothing is sent", async () => {
    const provider = providerFor(server.url, { env: { AWS_REGION: "us-east-1", USE_ONEPASSWORD: "false" } });
    const error = await provider.complete({ messages }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).toMatch(/^No AWS credentials for Bedrock\. \(1\) Access keys: Secret AWS_ACCESS_KEY_ID was not found\./);
    expect(message).toContain("(2) The AWS default credential chain");
    expect(message).toContain("Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (environment, .env or 1Password), or configure an AWS profile");
    const cause = (error as Error).cause as AggregateError;
    expect(cause).toBeInstanceOf(AggregateError);
    expect(cause.errors[0]).toBeInstanceOf(SecretNotFoundError);
    expect((cause.errors[1] as Error).name).toBe("CredentialsProviderError");
    expect(server.requests).toHaveLength(0);
  });

  it("does not keep a failed lookup: the next call looks again", async () => {
    const env: Record<string, string | undefined> = { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIDLATER", USE_ONEPASSWORD: "false" };
    const provider = providerFor(server.url, { env });
    const scopes = recordSignedScopes(provider.client);
    await expect(provider.complete({ messages })).rejects.toThrow("Secret AWS_SECRET_ACCESS_KEY was not found.");
    env.AWS_SECRET_ACCESS_KEY = "set-afterwards";
    await provider.complete({ messages });
    expect(scopes.map((scope) => scope.accessKeyId)).toEqual(["AKIDLATER"]);
  });

  it("asks the default chain again at each call while it finds nothing, so a profile added later is used", async () => {
    const provider = providerFor(server.url, { env: { AWS_REGION: "us-east-1", USE_ONEPASSWORD: "false" } });
    const scopes = recordSignedScopes(provider.client);
    await expect(provider.complete({ messages })).rejects.toThrow(ConfigurationError);
    writeDefaultProfile("AKIDADDEDLATER");
    await provider.complete({ messages });
    expect(scopes.map((scope) => scope.accessKeyId)).toEqual(["AKIDADDEDLATER"]);
  });

  it("reads region, endpoint and keys from process.env when no `env` is given", async () => {
    Object.assign(process.env, { AWS_REGION: "sa-east-1", AWS_ENDPOINT_URL_BEDROCK_RUNTIME: server.url, AWS_ACCESS_KEY_ID: "AKIDPROCESSENV", AWS_SECRET_ACCESS_KEY: "p", USE_ONEPASSWORD: "false" });
    const provider = providerFor("http://127.0.0.1:9", { endpoint: undefined, env: undefined });
    const scopes = recordSignedScopes(provider.client);
    await provider.complete({ messages });
    expect(scopes).toEqual([{ accessKeyId: "AKIDPROCESSENV", region: "sa-east-1", service: "bedrock" }]);
    expect(bedrockConnectionKey({})).toBe(JSON.stringify([server.url, "sa-east-1"]));
  });

  it("reports an unreadable .env instead of falling back to the default chain", async () => {
    writeDefaultProfile("AKIDNOTUSED");
    const directory = mkdtempSync(join(tmpdir(), "bedrock-cwd-"));
    mkdirSync(join(directory, ".env")); // a directory: reading it fails with EISDIR
    const previous = process.cwd();
    process.chdir(directory);
    cleanups.push(() => {
      process.chdir(previous);
      rmSync(directory, { recursive: true, force: true });
    });
    const noKeys = providerFor(server.url, { env: { AWS_REGION: "us-east-1", USE_ONEPASSWORD: "false" } });
    await expect(noKeys.complete({ messages })).rejects.toThrow(/^Could not read .*\.env \(EISDIR\)/);
    const noSessionToken = providerFor(server.url);
    await expect(noSessionToken.complete({ messages })).rejects.toThrow(/^Could not read .*\.env \(EISDIR\)/);
    expect(server.requests).toHaveLength(0);
  });

  it("an access key without its secret key is a SecretNotFoundError for the secret (no fallback)", async () => {
    const provider = providerFor(server.url, { env: { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIDALONE", USE_ONEPASSWORD: "false" } });
    const error = await provider.complete({ messages }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SecretNotFoundError);
    expect((error as SecretNotFoundError).key).toBe("AWS_SECRET_ACCESS_KEY");
    expect(server.requests).toHaveLength(0);
  });
});

describe("Bedrock region and endpoint", () => {
  it("takes the region from AWS_DEFAULT_REGION when AWS_REGION is not set, and the option over both", async () => {
    const fromDefault = providerFor(server.url, { env: { ...TEST_ENV, AWS_REGION: undefined, AWS_DEFAULT_REGION: "eu-west-1" } });
    const fromOption = providerFor(server.url, { region: "ap-northeast-1" });
    const scopes = [...[fromDefault, fromOption].map((provider) => recordSignedScopes(provider.client))];
    await fromDefault.complete({ messages });
    await fromOption.complete({ messages });
    expect(scopes.map((recorded) => recorded[0]?.region)).toEqual(["eu-west-1", "ap-northeast-1"]);
    expect(fromDefault.chatModel.region).toBe("eu-west-1");
  });

  it("looks the region up with resolveSecret (here 1Password) at the first call when no variable has it", async () => {
    fakeOp({ "op://orchestratai/AWS_REGION/credential": "ap-southeast-2" });
    const provider = providerFor(server.url, { env: { AWS_ACCESS_KEY_ID: "AKIDREGION", AWS_SECRET_ACCESS_KEY: "s" } });
    expect(provider.chatModel.region).toBe(REGION_RESOLVED_BY_CLIENT);
    const scopes = recordSignedScopes(provider.client);
    await provider.complete({ messages });
    expect(scopes[0]?.region).toBe("ap-southeast-2");
  });

  it("looks for the region again at the next call after a failed lookup", async () => {
    const fake = fakeOp({});
    const provider = providerFor(server.url, { env: { AWS_ACCESS_KEY_ID: "AKIDREGION", AWS_SECRET_ACCESS_KEY: "s" } });
    await expect(provider.complete({ messages })).rejects.toThrow(/^No AWS region for Bedrock/);
    fake.configure({ values: { "op://orchestratai/AWS_REGION/credential": "ca-central-1" } });
    const scopes = recordSignedScopes(provider.client);
    await provider.complete({ messages });
    expect(scopes[0]?.region).toBe("ca-central-1");
  });

  it("fails with a ConfigurationError naming the variables when no region is found; nothing is sent", async () => {
    const provider = providerFor(server.url, { env: { ...TEST_ENV, AWS_REGION: undefined } });
    const error = await provider.complete({ messages }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/^No AWS region for Bedrock: pass \{ region: "us-east-1" \} \(or your region\), set AWS_REGION or AWS_DEFAULT_REGION, or store AWS_REGION in \.env or 1Password\./);
    expect((error as Error).cause).toBeInstanceOf(SecretNotFoundError);
    expect(server.requests).toHaveLength(0);
  });

  it.each(["AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL"])("takes the endpoint from %s", async (name) => {
    const provider = providerFor(server.url, { endpoint: undefined, env: { ...TEST_ENV, [name]: server.url } });
    await provider.complete({ messages });
    expect(server.requests.map((request) => request.operation)).toEqual(["converse"]);
  });

  it("gives providers with the same endpoint and region the same connection key", () => {
    const env = { AWS_REGION: "us-east-1", AWS_ENDPOINT_URL_BEDROCK_RUNTIME: "http://127.0.0.1:1" };
    expect(bedrockConnectionKey({ env })).toBe(bedrockConnectionKey({ env: { ...env }, endpoint: "http://127.0.0.1:1" }));
    expect(bedrockConnectionKey({ env })).not.toBe(bedrockConnectionKey({ env, region: "eu-west-1" }));
  });
});
