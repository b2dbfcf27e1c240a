import { OnePasswordError, SecretNotFoundError } from "../../src/errors";
import { ProviderFactory } from "../../src/factory";
import { toBaseMessages } from "../../src/messages";
import type { LLMProvider } from "../../src/providers/provider";
import { clearSecretCache, resolveSecret } from "../../src/secrets";
import type { ScriptedReply } from "../../src/testing/stand-in-types";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { createFakeOp, type FakeOp } from "../helpers/fake-op";
import { drain, failureOf, outcomeOf, QUESTION } from "./support/outcomes";
import { PROVIDER_KINDS, ROLES, useRig, type ProviderKind, type Rig } from "./support/rigs";
import { CallbackRecorder } from "./support/callback-recorder";
import { captureOutput, leaksIn, renderings, type OutputCapture } from "./support/secret-scan";

/** Distinctive values that must never show up anywhere. */
const SECRETS = {
  openaiKeyInEnv: "sk-proj-RELIABILITY-env-7Q2x9Lw4KpZc",
  openaiKeyInOp: "sk-proj-RELIABILITY-op-3Vb8Zr1Mn6Ty",
  awsAccessKeyId: "AKIARELIABILITY7Q2X9",
  awsSecretAccessKey: "wJalrXUtnFEMI/RELIABILITY/bPxRfiCYzSECRET",
  awsSecretInOp: "op-RELIABILITY-aws-secret-5Hn2Wq8Rt1",
  awsSessionToken: "IQoJb3JpZ2luX2VjRELIABILITYSessionToken9Zq",
  opServiceAccountToken: "ops_eyJSELIABILITYserviceAccountToken4Kw",
  printedByFailingOp: "sk-RELIABILITY-printed-by-a-failing-op-9Kd3",
};
const OP_VALUES = {
  "op://reliability/openai/credential": SECRETS.openaiKeyInOp,
  "op://reliability/aws-secret/credential": SECRETS.awsSecretInOp,
};
const OP_SIGNED_OUT = "op://reliability/signed-out/credential";
/** What the fake op writes to stderr before it fails: its own token and a value resolved earlier. */
const OP_STDERR = `authorization failed for token ${SECRETS.opServiceAccountToken} (last value read: ${SECRETS.openaiKeyInOp})`;

/** The secret variables of each kind, straight in env or as 1Password references. */
const SECRET_ENVS: Record<ProviderKind, Record<"env" | "op", Record<string, string>>> = {
  openai: {
    env: { OPENAI_API_KEY: SECRETS.openaiKeyInEnv, USE_ONEPASSWORD: "false" },
    op: { OPENAI_API_KEY: "op://reliability/openai/credential" },
  },
  bedrock: {
    env: {
      AWS_ACCESS_KEY_ID: SECRETS.awsAccessKeyId,
      AWS_SECRET_ACCESS_KEY: SECRETS.awsSecretAccessKey,
      AWS_SESSION_TOKEN: SECRETS.awsSessionToken,
      USE_ONEPASSWORD: "false",
    },
    op: { AWS_ACCESS_KEY_ID: SECRETS.awsAccessKeyId, AWS_SECRET_ACCESS_KEY: "op://reliability/aws-secret/credential", AWS_SESSION_TOKEN: SECRETS.awsSessionToken },
  },
};

/** The secret values a kind's calls send (what a server or proxy could echo back). */
function sentSecrets(kind: ProviderKind, source: "env" | "op"): string {
  if (kind === "openai") return source === "env" ? SECRETS.openaiKeyInEnv : SECRETS.openaiKeyInOp;
  return [SECRETS.awsAccessKeyId, source === "env" ? SECRETS.awsSecretAccessKey : SECRETS.awsSecretInOp, SECRETS.awsSessionToken].join(" ");
}

type Failure = [string, "complete" | "stream", (echo: string) => ScriptedReply, { timeoutMs?: number; abortAfterChunks?: number }];

/** Every failure the suite knows, plus a plain success, each run through complete() or stream(). */
const FAILURES: Failure[] = [
  ["success", "complete", () => ({ text: "Paris." }), {}],
  ["streamed success", "stream", () => ({ text: "Paris is the capital." }), {}],
  ["401", "complete", () => ({ error: { status: 401 } }), {}],
  ["403", "complete", () => ({ error: { status: 403 } }), {}],
  ["400", "complete", () => ({ error: { status: 400 } }), {}],
  ["429", "complete", () => ({ error: { status: 429, retryAfterSeconds: 1 } }), {}],
  ["503", "stream", () => ({ error: { status: 503 } }), {}],
  ["a 401 echoing the credentials", "complete", (echo) => ({ error: { status: 401, message: `Invalid credentials: ${echo}` } }), {}],
  ["a 403 echoing the credentials, streamed", "stream", (echo) => ({ error: { status: 403, message: `Denied for ${echo}` } }), {}],
  ["a proxy's page echoing the credentials", "complete", (echo) => ({ notTheApi: { body: `<html>Blocked request with ${echo}</html>` } }), {}],
  ["malformed body", "complete", () => ({ malformed: true }), {}],
  ["corrupt stream", "stream", () => ({ text: "one two three four", malformed: true }), {}],
  ["malformed usage", "complete", () => ({ text: "Paris.", usage: { outputTokens: -1 } }), {}],
  ["connection reset", "complete", () => ({ dropConnection: "reset" }), {}],
  ["stream cut", "stream", () => ({ text: "one two three four five six", cutAfterChunks: 2 }), {}],
  ["in-stream exception", "stream", () => ({ text: "one two three four", streamException: { type: "server_error", afterChunks: 2 } }), {}],
  ["slow first byte", "complete", () => ({ text: "late", delayMs: 5_000 }), { timeoutMs: 200 }],
  ["abort mid-stream", "stream", () => ({ text: "one two three four five six seven" }), { abortAfterChunks: 2 }],
];

/** Runs one scripted call and returns everything it produced: the result, the chunks, the error. */
async function run(rig: Rig, provider: LLMProvider, [, mode, reply, options]: Failure, echo: string, recorder: CallbackRecorder): Promise<unknown[]> {
  rig.server.reply(reply(echo));
  if (mode === "complete") {
    const outcome = await outcomeOf(() => provider.complete({ messages: QUESTION, timeoutMs: options.timeoutMs, callbacks: [recorder] }));
    return [outcome.value, outcome.error];
  }
  const controller = new AbortController();
  const drained = await drain(provider.stream({ messages: QUESTION, signal: controller.signal, callbacks: [recorder] }), (count) => {
    if (count === options.abortAfterChunks) controller.abort();
  });
  return [...drained.chunks, drained.error];
}

describe.each(PROVIDER_KINDS)("%s: no secret value anywhere, whatever fails", (kind) => {
  const rig = useRig(kind);
  let fake: FakeOp;
  let restorePath: () => void;
  let output: OutputCapture;
  const previousToken = process.env.OP_SERVICE_ACCOUNT_TOKEN;

  beforeAll(() => {
    process.env.OP_SERVICE_ACCOUNT_TOKEN = SECRETS.opServiceAccountToken;
    fake = createFakeOp({
      values: OP_VALUES,
      failures: { [OP_SIGNED_OUT]: "signed-out" },
      stdoutBeforeFailure: SECRETS.printedByFailingOp,
      stderrBeforeFailure: OP_STDERR,
    });
    restorePath = fake.prependToPath();
  });
  afterAll(() => {
    restorePath();
    fake.remove();
    clearSecretCache();
    if (previousToken === undefined) delete process.env.OP_SERVICE_ACCOUNT_TOKEN;
    else process.env.OP_SERVICE_ACCOUNT_TOKEN = previousToken;
  });
  beforeEach(() => {
    clearSecretCache();
    output = captureOutput();
  });
  afterEach(() => output.restore());

  it.each(["env", "op"] as const)(
    "with the secrets in %s: errors, results, callback payloads, providers, chat models, trackers and output are clean, even at a deep look",
    async (source) => {
      const tracker = new CostTracker();
      const recorder = new CallbackRecorder();
      const provider = rig.providerFromEnv(SECRET_ENVS[kind][source], { tracker });
      const factory = new ProviderFactory({ env: { ...rig.env, ...SECRET_ENVS[kind][source] }, tracker });
      const runnable = factory.runnableFor(ROLES[kind]);
      const produced: unknown[] = [];
      for (const failure of FAILURES) produced.push(...(await run(rig, provider, failure, sentSecrets(kind, source), recorder)));
      for (const reply of [{ text: "Paris." }, { error: { status: 401, message: `Invalid: ${sentSecrets(kind, source)}` } }, { malformed: true }] satisfies ScriptedReply[]) {
        rig.server.reply(reply);
        const outcome = await outcomeOf(() => runnable.invoke(toBaseMessages(QUESTION), { callbacks: [recorder] }));
        produced.push(outcome.value, outcome.error);
      }

      const succeeded = produced.filter((item) => (item as { content?: unknown } | undefined)?.content === "Paris.");
      expect(succeeded).toHaveLength(2);
      expect(recorder.payloads.length).toBeGreaterThan(FAILURES.length);
      expect(rig.server.requests.length).toBeGreaterThanOrEqual(FAILURES.length);
      const shown = {
        "the provider": provider,
        "provider.chatModel": provider.chatModel,
        "factory.runnableFor(role)": runnable,
        "the factory's provider": factory.forRole(ROLES[kind]),
        "the factory": factory,
      };
      const leaks = [
        ...produced.flatMap((item, index) => leaksIn(`call artifact ${index}`, renderings(item), SECRETS)),
        ...recorder.payloads.flatMap((item, index) => leaksIn(`callback payload ${index}`, renderings(item), SECRETS)),
        ...Object.entries(shown).flatMap(([label, item]) => leaksIn(label, renderings(item), SECRETS)),
        ...leaksIn("JSON.stringify(tracker)", [JSON.stringify(tracker), JSON.stringify(tracker.calls), JSON.stringify(tracker.totals()), tracker.report()], SECRETS),
        ...leaksIn("stdout, stderr and console", output.texts, SECRETS),
      ];
      expect(leaks).toEqual([]);
    },
    30_000,
  );

  it("JSON.stringify(provider) works after calls, and holds no secret", async () => {
    const provider = rig.providerFromEnv(SECRET_ENVS[kind].env);
    rig.server.reply({ text: "Paris." });
    await provider.complete({ messages: QUESTION });
    const json = JSON.stringify(provider);
    expect(JSON.parse(json)).toEqual({ provider: kind, model: provider.model });
    expect(leaksIn("JSON.stringify(provider)", [json], SECRETS)).toEqual([]);
  });

  it("fails with OnePasswordError when op is signed out, keeping what op printed (stdout and stderr) out of it, before any request", async () => {
    // The last secret each provider reads: a broken access key would send Bedrock to the AWS default chain.
    const key = kind === "openai" ? "OPENAI_API_KEY" : "AWS_SECRET_ACCESS_KEY";
    await resolveSecret("OPENAI_API_KEY", { env: { OPENAI_API_KEY: "op://reliability/openai/credential" } });
    const provider = rig.providerFromEnv({ ...SECRET_ENVS[kind].env, [key]: OP_SIGNED_OUT });
    const error = await failureOf(() => provider.complete({ messages: QUESTION }));
    expect(leaksIn("error", renderings(error), SECRETS)).toEqual([]);
    expect(leaksIn("stdout, stderr and console", output.texts, SECRETS)).toEqual([]);
    expect(rig.server.requests).toHaveLength(0);
    expect(error).toBeInstanceOf(OnePasswordError);
    expect((error as OnePasswordError).message).toContain(`The 1Password CLI is not signed in, so ${OP_SIGNED_OUT} could not be read`);
    expect((error as OnePasswordError).message).toContain("authorization failed for token *** (last value read: ***)");
  });
});

describe("an OpenAI provider whose key is nowhere fails with SecretNotFoundError, before any request", () => {
  const rig = useRig("openai");
  beforeEach(() => clearSecretCache());

  it("names OPENAI_API_KEY and each source tried", async () => {
    const error = await failureOf(() => rig.providerFromEnv({ USE_ONEPASSWORD: "false" }).complete({ messages: QUESTION }));
    expect(error).toBeInstanceOf(SecretNotFoundError);
    expect((error as SecretNotFoundError).key).toBe("OPENAI_API_KEY");
    expect((error as SecretNotFoundError).sourcesTried).toContain("1Password (skipped: USE_ONEPASSWORD=false)");
    expect(rig.server.requests).toHaveLength(0);
  });
});

describe("an op that hangs", () => {
  let fake: FakeOp;
  let restorePath: () => void;
  beforeAll(() => {
    fake = createFakeOp({ otherwise: "hang", stdoutBeforeFailure: SECRETS.printedByFailingOp });
    restorePath = fake.prependToPath();
  });
  afterAll(() => {
    restorePath();
    fake.remove();
  });
  beforeEach(() => clearSecretCache());

  it("is an OnePasswordError once timeoutMs has passed, saying what to do, with nothing it printed", async () => {
    const { error, elapsedMs } = await outcomeOf(() => resolveSecret("OPENAI_API_KEY", { env: {}, timeoutMs: 300 }));
    expect(error).toBeInstanceOf(OnePasswordError);
    expect((error as OnePasswordError).message).toBe(
      "op read op://orchestratai/OPENAI_API_KEY/credential timed out after 300 ms (1Password may be waiting for the desktop app " +
        "or a sign-in): unlock 1Password, run `op signin` or set OP_SERVICE_ACCOUNT_TOKEN, or set OPENAI_API_KEY in the " +
        "environment or .env, or set USE_ONEPASSWORD=false.",
    );
    expect(elapsedMs).toBeGreaterThanOrEqual(300);
    expect(elapsedMs).toBeLessThan(1_300);
    expect(fake.count()).toBe(1);
    expect(leaksIn("error", renderings(error), SECRETS)).toEqual([]);
  });
});
