import { existsSync } from "node:fs";
import { join } from "node:path";
import { SecretNotFoundError } from "../../src/errors";
import { clearSecretCache, resolveSecret } from "../../src/secrets";
import { useSecretsSandbox } from "./sandbox";

const KEY = "TEST_API_KEY";
const VAULT_REF = `op://orchestratai/${KEY}/credential`;

describe("resolveSecret: order of sources", () => {
  const sandbox = useSecretsSandbox();

  it("takes options.env first, before .env and 1Password", async () => {
    sandbox.writeDotenv(`${KEY}=from-dotenv\n`);
    sandbox.fake.configure({ values: { [VAULT_REF]: "from-1password" } });
    await expect(resolveSecret(KEY, { env: { [KEY]: "from-options" } })).resolves.toBe("from-options");
    expect(sandbox.fake.count()).toBe(0);
  });

  it("takes process.env when no options.env is given", async () => {
    sandbox.setEnv(KEY, "from-process-env");
    sandbox.writeDotenv(`${KEY}=from-dotenv\n`);
    await expect(resolveSecret(KEY)).resolves.toBe("from-process-env");
  });

  it("does not look at process.env when options.env is given", async () => {
    sandbox.setEnv(KEY, "from-process-env");
    sandbox.fake.configure({ values: { [VAULT_REF]: "from-1password" } });
    await expect(resolveSecret(KEY, { env: {} })).resolves.toBe("from-1password");
  });

  it("reads .env in the working directory next, without touching process.env", async () => {
    sandbox.setEnv(KEY, undefined);
    sandbox.writeDotenv(`# comment\nOTHER=1\n${KEY}="from dotenv"\n`);
    sandbox.fake.configure({ values: { [VAULT_REF]: "from-1password" } });
    await expect(resolveSecret(KEY)).resolves.toBe("from dotenv");
    await expect(resolveSecret(KEY, { env: {} })).resolves.toBe("from dotenv");
    expect(process.env[KEY]).toBeUndefined();
    expect(process.env.OTHER).toBeUndefined();
    expect(sandbox.fake.count()).toBe(0);
  });

  it("reads .env once per process: a change is seen after clearSecretCache()", async () => {
    sandbox.writeDotenv(`${KEY}=first\n`);
    await expect(resolveSecret(KEY, { env: {} })).resolves.toBe("first");
    sandbox.writeDotenv(`${KEY}=second\n`);
    await expect(resolveSecret(KEY, { env: {} })).resolves.toBe("first");
    clearSecretCache();
    await expect(resolveSecret(KEY, { env: {} })).resolves.toBe("second");
  });

  it("counts empty values as unset, in the variables and in .env", async () => {
    sandbox.writeDotenv(`${KEY}=\n`);
    sandbox.fake.configure({ values: { [VAULT_REF]: "from-1password" } });
    await expect(resolveSecret(KEY, { env: { [KEY]: "" } })).resolves.toBe("from-1password");
  });

  it("asks 1Password last: op read op://orchestratai/<key>/credential", async () => {
    sandbox.fake.configure({ values: { [VAULT_REF]: "from-1password" } });
    await expect(resolveSecret(KEY, { env: {} })).resolves.toBe("from-1password");
    expect(sandbox.fake.invocations()).toEqual([`read ${VAULT_REF}`]);
  });

  it("uses OP_VAULT from options.env, process.env or .env", async () => {
    sandbox.fake.configure({
      values: { [`op://team/${KEY}/credential`]: "team", [`op://proc/${KEY}/credential`]: "proc", [`op://file/${KEY}/credential`]: "file" },
    });
    await expect(resolveSecret(KEY, { env: { OP_VAULT: "team" } })).resolves.toBe("team");
    sandbox.setEnv("OP_VAULT", "proc");
    await expect(resolveSecret(KEY)).resolves.toBe("proc");
    sandbox.writeDotenv("OP_VAULT=file\n");
    clearSecretCache(); // .env is read once per process
    await expect(resolveSecret(KEY, { env: {} })).resolves.toBe("file");
  });

  it("ends in SecretNotFoundError naming the key, each source and what to set", async () => {
    const error = await resolveSecret(KEY, { env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretNotFoundError);
    const dotenvPath = join(sandbox.cwd, ".env");
    const reason = `"${KEY}" isn't an item in the "orchestratai" vault. Specify the item with its UUID, name, or domain.`;
    expect((error as SecretNotFoundError).key).toBe(KEY);
    expect((error as SecretNotFoundError).sourcesTried).toEqual([
      `${KEY} in options.env`,
      `${KEY} in ${dotenvPath}`,
      `1Password ${VAULT_REF} (${reason})`,
    ]);
    expect((error as SecretNotFoundError).message).toBe(
      `Secret ${KEY} was not found. Tried: ${KEY} in options.env; ${KEY} in ${dotenvPath}; 1Password ${VAULT_REF} (${reason}). ` +
        `Set ${KEY} in the environment or in .env, store it in 1Password as ${VAULT_REF} (vault from OP_VAULT), ` +
        `or set ${KEY} to an op:// reference.`,
    );
  });
});

describe("resolveSecret: USE_ONEPASSWORD=false", () => {
  const sandbox = useSecretsSandbox();

  it("never runs op and says what to set", async () => {
    sandbox.fake.configure({ values: { [VAULT_REF]: "from-1password" } });
    const error = await resolveSecret(KEY, { env: { USE_ONEPASSWORD: "false" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretNotFoundError);
    expect((error as SecretNotFoundError).message).toBe(
      `Secret ${KEY} was not found. Tried: ${KEY} in options.env; ${KEY} in ${join(sandbox.cwd, ".env")}; ` +
        `1Password (skipped: USE_ONEPASSWORD=false). Set ${KEY} in the environment or in .env, or remove ` +
        `USE_ONEPASSWORD=false to read it from 1Password.`,
    );
    expect(sandbox.fake.count()).toBe(0);
  });

  it("is read from process.env, case-insensitively, or from .env", async () => {
    sandbox.setEnv(KEY, undefined);
    sandbox.setEnv("USE_ONEPASSWORD", "FALSE");
    await expect(resolveSecret(KEY)).rejects.toThrow("1Password (skipped: USE_ONEPASSWORD=false)");
    sandbox.setEnv("USE_ONEPASSWORD", undefined);
    sandbox.writeDotenv("USE_ONEPASSWORD=false\n");
    clearSecretCache(); // .env is read once per process
    await expect(resolveSecret(KEY)).rejects.toThrow("1Password (skipped: USE_ONEPASSWORD=false)");
    expect(sandbox.fake.count()).toBe(0);
  });

  it("is not taken from process.env when options.env is given", async () => {
    sandbox.setEnv("USE_ONEPASSWORD", "false");
    sandbox.fake.configure({ values: { [VAULT_REF]: "from-1password" } });
    await expect(resolveSecret(KEY, { env: {} })).resolves.toBe("from-1password");
  });

  it("keeps 1Password on for any other value", async () => {
    sandbox.fake.configure({ values: { [VAULT_REF]: "from-1password" } });
    await expect(resolveSecret(KEY, { env: { USE_ONEPASSWORD: "true" } })).resolves.toBe("from-1password");
  });
});

describe("resolveSecret: op:// references", () => {
  const sandbox = useSecretsSandbox();
  const REF = "op://Private/OpenAI/api key";

  it("reads a reference in the variables through op", async () => {
    sandbox.fake.configure({ values: { [REF]: "from-reference", [VAULT_REF]: "from-vault" } });
    await expect(resolveSecret(KEY, { env: { [KEY]: REF } })).resolves.toBe("from-reference");
    expect(sandbox.fake.invocations()).toEqual([`read ${REF}`]);
  });

  it("reads a reference in .env through op", async () => {
    sandbox.writeDotenv(`${KEY}="${REF}"\n`);
    sandbox.fake.configure({ values: { [REF]: "from-reference" } });
    await expect(resolveSecret(KEY, { env: {} })).resolves.toBe("from-reference");
  });

  it("reads a reference even with USE_ONEPASSWORD=false", async () => {
    sandbox.fake.configure({ values: { [REF]: "from-reference" } });
    await expect(resolveSecret(KEY, { env: { [KEY]: REF, USE_ONEPASSWORD: "false" } })).resolves.toBe("from-reference");
  });

  it("ends in SecretNotFoundError naming a reference 1Password does not have, without trying the vault", async () => {
    sandbox.fake.configure({ values: { [VAULT_REF]: "from-vault" } });
    const error = await resolveSecret(KEY, { env: { [KEY]: REF } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretNotFoundError);
    expect((error as SecretNotFoundError).message).toBe(
      `Secret ${KEY} was not found. Tried: 1Password ${REF}, the value of ${KEY} in options.env ` +
        `("OpenAI" isn't an item in the "Private" vault. Specify the item with its UUID, name, or domain.). ` +
        `Store the secret at ${REF}, or set ${KEY} to the value itself.`,
    );
    expect(sandbox.fake.invocations()).toEqual([`read ${REF}`]);
  });

  it("passes the reference to op as one argument, never through a shell", async () => {
    const hostile = "op://v/it$(touch pwned)em;touch pwned2/field";
    sandbox.fake.configure({ values: { [hostile]: "safe" } });
    await expect(resolveSecret(KEY, { env: { [KEY]: hostile } })).resolves.toBe("safe");
    expect(existsSync(join(sandbox.cwd, "pwned"))).toBe(false);
    expect(existsSync(join(sandbox.cwd, "pwned2"))).toBe(false);
  });

  it("trims exactly one trailing newline from op's answer", async () => {
    sandbox.fake.configure({ values: { [REF]: "  spaced value\n" } });
    await expect(resolveSecret(KEY, { env: { [KEY]: REF } })).resolves.toBe("  spaced value\n");
  });
});

describe("resolveSecret: caching and de-duplication", () => {
  const sandbox = useSecretsSandbox();

  it("runs op once for 5 concurrent lookups of one key", async () => {
    sandbox.fake.configure({ values: { [VAULT_REF]: "shared" }, delayMs: 50 });
    const values = await Promise.all(Array.from({ length: 5 }, () => resolveSecret(KEY, { env: {} })));
    expect(values).toEqual(["shared", "shared", "shared", "shared", "shared"]);
    expect(sandbox.fake.count()).toBe(1);
  });

  it("caches a value read through op for the process, until clearSecretCache()", async () => {
    sandbox.fake.configure({ values: { [VAULT_REF]: "first" } });
    await expect(resolveSecret(KEY, { env: {} })).resolves.toBe("first");
    sandbox.fake.configure({ values: { [VAULT_REF]: "second" } });
    await expect(resolveSecret(KEY, { env: {} })).resolves.toBe("first");
    expect(sandbox.fake.count()).toBe(1);
    clearSecretCache();
    await expect(resolveSecret(KEY, { env: {} })).resolves.toBe("second");
    expect(sandbox.fake.count()).toBe(2);
  });

  it("keys the cache by key and resolved source", async () => {
    sandbox.fake.configure({
      values: { [VAULT_REF]: "default-vault", [`op://other/${KEY}/credential`]: "other-vault", "op://orchestratai/KEY_TWO/credential": "two" },
    });
    await expect(resolveSecret(KEY, { env: {} })).resolves.toBe("default-vault");
    await expect(resolveSecret(KEY, { env: { OP_VAULT: "other" } })).resolves.toBe("other-vault");
    await expect(resolveSecret("KEY_TWO", { env: {} })).resolves.toBe("two");
    await expect(resolveSecret(KEY, { env: {} })).resolves.toBe("default-vault");
    expect(sandbox.fake.count()).toBe(3);
  });

  it("does not cache a miss: an item added later is found", async () => {
    await expect(resolveSecret(KEY, { env: {} })).rejects.toThrow(SecretNotFoundError);
    sandbox.fake.configure({ values: { [VAULT_REF]: "added" } });
    await expect(resolveSecret(KEY, { env: {} })).resolves.toBe("added");
    expect(sandbox.fake.count()).toBe(2);
  });

  it("shares one failing run among concurrent lookups, then tries again", async () => {
    sandbox.fake.configure({ otherwise: "signed-out", delayMs: 50 });
    const results = await Promise.allSettled(Array.from({ length: 3 }, () => resolveSecret(KEY, { env: {} })));
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(sandbox.fake.count()).toBe(1);
    sandbox.fake.configure({ values: { [VAULT_REF]: "signed-in" } });
    await expect(resolveSecret(KEY, { env: {} })).resolves.toBe("signed-in");
    expect(sandbox.fake.count()).toBe(2);
  });

  it("reads environment values live, never from the cache", async () => {
    await expect(resolveSecret(KEY, { env: { [KEY]: "one" } })).resolves.toBe("one");
    await expect(resolveSecret(KEY, { env: { [KEY]: "two" } })).resolves.toBe("two");
  });
});
