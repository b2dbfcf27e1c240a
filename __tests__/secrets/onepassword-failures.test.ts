import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigurationError, InputError, OnePasswordError, SecretNotFoundError } from "../../src/errors";
import { resolveSecret } from "../../src/secrets";
import type { FakeOpFailure } from "../helpers/fake-op";
import { useSecretsSandbox } from "./sandbox";

const KEY = "TEST_API_KEY";
const VAULT_REF = `op://orchestratai/${KEY}/credential`;
const OTHERWISE = `set ${KEY} in the environment or .env, or set USE_ONEPASSWORD=false`;

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error("expected the lookup to fail");
  return error;
}

/** Whether a process has gone (and been reaped). */
async function waitUntilGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100; i += 1) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

describe("resolveSecret: what 1Password answers", () => {
  const sandbox = useSecretsSandbox();

  it.each<[string, FakeOpFailure, { OP_VAULT?: string }, string]>([
    ["item not found", "item-missing", {}, `"${KEY}" isn't an item in the "orchestratai" vault. Specify the item with its UUID, name, or domain.`],
    ["vault missing", "vault-missing", { OP_VAULT: "nope" }, `"nope" doesn't seem to be a vault in this account.`],
    ["more than one item", "ambiguous", {}, `More than one item matches "${KEY}". Try again and specify the item by its ID.`],
  ])("treats %s as a source without a value: SecretNotFoundError naming the reference", async (_what, failure, env, reason) => {
    sandbox.fake.configure({ otherwise: failure });
    const error = await failureOf(resolveSecret(KEY, { env }));
    const reference = `op://${env.OP_VAULT ?? "orchestratai"}/${KEY}/credential`;
    expect(error).toBeInstanceOf(SecretNotFoundError);
    expect((error as SecretNotFoundError).sourcesTried[2]).toBe(`1Password ${reference} (${reason})`);
    expect(error.message).toContain(`store it in 1Password as ${reference} (vault from OP_VAULT)`);
  });

  it("treats an empty value as no value", async () => {
    sandbox.fake.configure({ values: { [VAULT_REF]: "" } });
    const error = await failureOf(resolveSecret(KEY, { env: {} }));
    expect((error as SecretNotFoundError).sourcesTried[2]).toBe(`1Password ${VAULT_REF} (the value is empty)`);
  });

  it("says to sign in when op is signed out", async () => {
    sandbox.fake.configure({ otherwise: "signed-out" });
    const error = await failureOf(resolveSecret(KEY, { env: {} }));
    expect(error).toBeInstanceOf(OnePasswordError);
    expect(error.message).toBe(
      `The 1Password CLI is not signed in, so ${VAULT_REF} could not be read (You are not currently signed in. ` +
        "Please run `op signin --help` for instructions): run `op signin` or set OP_SERVICE_ACCOUNT_TOKEN, " +
        `or ${OTHERWISE}.`,
    );
    expect((error.cause as { code?: unknown }).code).toBe(1);
  });

  it("runs op with process.env, so OP_SERVICE_ACCOUNT_TOKEN there signs it in even with options.env", async () => {
    sandbox.fake.configure({ values: { [VAULT_REF]: "via-service-account" }, requireServiceAccountToken: true });
    await expect(resolveSecret(KEY, { env: {} })).rejects.toThrow(OnePasswordError);
    sandbox.setEnv("OP_SERVICE_ACCOUNT_TOKEN", "ops_test_token");
    await expect(resolveSecret(KEY, { env: {} })).resolves.toBe("via-service-account");
  });

  it("says to install the CLI when op is not on PATH", async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), "no-op-"));
    try {
      sandbox.setEnv("PATH", emptyDir);
      const error = await failureOf(resolveSecret(KEY, { env: {} }));
      expect(error).toBeInstanceOf(OnePasswordError);
      expect(error.message).toBe(
        `The 1Password CLI (op) is not installed or not on PATH, so ${VAULT_REF} could not be read: ` +
          `install the 1Password CLI, or ${OTHERWISE}.`,
      );
      expect((error.cause as { code?: unknown }).code).toBe("ENOENT");
    } finally {
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });

  it("times out a hanging op after timeoutMs, kills it, and says what to do", async () => {
    sandbox.fake.configure({ otherwise: "hang" });
    const started = Date.now();
    const error = await failureOf(resolveSecret(KEY, { env: {}, timeoutMs: 150 }));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(OnePasswordError);
    expect(error.message).toBe(
      `op read ${VAULT_REF} timed out after 150 ms (1Password may be waiting for the desktop app or a sign-in): ` +
        `unlock 1Password, run \`op signin\` or set OP_SERVICE_ACCOUNT_TOKEN, or ${OTHERWISE}.`,
    );
    const [pid] = sandbox.fake.hangingPids();
    expect(pid).toBeGreaterThan(0);
    await expect(waitUntilGone(pid ?? 0)).resolves.toBe(true);
  });

  it("summarises any other failure from op's stderr, without the [ERROR] prefixes", async () => {
    sandbox.fake.configure({ otherwise: "crash" });
    const error = await failureOf(resolveSecret(KEY, { env: {} }));
    expect(error).toBeInstanceOf(OnePasswordError);
    expect(error.message).toBe(
      `op read ${VAULT_REF} failed (connecting to desktop app: read: connection reset by peer; ` +
        `is the 1Password app running?): fix 1Password, or ${OTHERWISE}.`,
    );
  });

  it("names the exit code when op fails without a word", async () => {
    sandbox.fake.configure({ otherwise: "silent" });
    const error = await failureOf(resolveSecret(KEY, { env: {} }));
    expect(error).toBeInstanceOf(OnePasswordError);
    expect(error.message).toBe(`op read ${VAULT_REF} failed (exit code 3): fix 1Password, or ${OTHERWISE}.`);
  });

  it("reads op's usage text (printed when the app integration is off) as signed out, cut to 300 characters", async () => {
    sandbox.fake.configure({ otherwise: "usage" });
    const error = await failureOf(resolveSecret(KEY, { env: {} }));
    expect(error).toBeInstanceOf(OnePasswordError);
    expect(error.message).toMatch(/^The 1Password CLI is not signed in, so op:\/\/orchestratai\/TEST_API_KEY\/credential could/);
    const summary = /could not be read \((.*)\): run `op signin`/.exec(error.message)?.[1] ?? "";
    expect(summary.length).toBe(301);
    expect(summary).toMatch(/^1Password CLI brings 1Password to your terminal\.; Turn on the 1Password app integration/);
    expect(summary.endsWith("…")).toBe(true);
  });

  it("answers each reference on its own: one failing item does not fail another key", async () => {
    sandbox.fake.configure({ failures: { [VAULT_REF]: "crash" }, values: { "op://orchestratai/KEY_TWO/credential": "two" } });
    const [first, second] = await Promise.allSettled([resolveSecret(KEY, { env: {} }), resolveSecret("KEY_TWO", { env: {} })]);
    expect(first.status === "rejected" && first.reason instanceof OnePasswordError).toBe(true);
    expect(second).toEqual({ status: "fulfilled", value: "two" });
    expect(sandbox.fake.count()).toBe(2);
  });

  it("offers setting the value itself when an op:// reference in the variables cannot be read", async () => {
    sandbox.fake.configure({ otherwise: "signed-out" });
    const error = await failureOf(resolveSecret(KEY, { env: { [KEY]: "op://v/i/f" } }));
    expect(error.message).toMatch(/or set TEST_API_KEY to the value itself\.$/);
  });
});

describe("resolveSecret: refused input", () => {
  const sandbox = useSecretsSandbox();

  it.each(["", "A/B", "op://v/i/f", "1KEY", "KEY NAME"])("refuses the key %j with InputError", async (key) => {
    await expect(resolveSecret(key)).rejects.toThrow(
      new InputError(`Secret key ${JSON.stringify(key)} must be an environment variable name such as OPENAI_API_KEY.`),
    );
    expect(sandbox.fake.count()).toBe(0);
  });

  it.each([0, -5, Number.NaN, Infinity])("refuses timeoutMs %d with InputError", async (timeoutMs) => {
    await expect(resolveSecret(KEY, { timeoutMs })).rejects.toThrow(
      new InputError(`timeoutMs must be a positive number of milliseconds; got ${String(timeoutMs)}.`),
    );
  });

  it("fails with ConfigurationError when .env exists but cannot be read", async () => {
    mkdirSync(join(sandbox.cwd, ".env"));
    const error = await failureOf(resolveSecret(KEY, { env: {} }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(`Could not read ${join(sandbox.cwd, ".env")} (EISDIR): make it a readable file or remove it.`);
  });
});
