import { format, inspect } from "node:util";
import { OnePasswordError, SecretNotFoundError } from "../../src/errors";
import type { FakeOpFailure } from "../helpers/fake-op";
import { resolveSecret } from "../../src/secrets";
import { useSecretsSandbox } from "./sandbox";

const CANARY = "sk-CANARY-5e1f0c9d8b7a6";
const OP_TOKEN = "ops_CANARY-service-account-token-71c2";
const KEY = "TEST_API_KEY";

/** Every way the error is shown: String(), message, stack, JSON, a deep inspect, console.log("%o"), each down the cause chain. */
function renderings(error: unknown): string[] {
  const texts: string[] = [String(error), JSON.stringify(error), inspect(error, { showHidden: true, depth: 10 }), format("%o", error)];
  for (let current = error as (Error & { cause?: unknown }) | undefined; current instanceof Error; current = current.cause as Error | undefined) {
    texts.push(current.message, String(current.stack), JSON.stringify(current), String(current));
  }
  if (error instanceof SecretNotFoundError) texts.push(...error.sourcesTried);
  return texts;
}

describe("no secret value in errors", () => {
  const sandbox = useSecretsSandbox();

  it.each<FakeOpFailure>(["item-missing", "vault-missing", "ambiguous", "signed-out", "crash", "silent", "hang"])(
    "keeps what a failing op printed on stdout out of the %s error",
    async (failure) => {
      sandbox.fake.configure({ otherwise: failure, stdoutBeforeFailure: CANARY });
      const error = await resolveSecret(KEY, { env: {}, timeoutMs: 150 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      for (const text of renderings(error)) expect(text).not.toContain(CANARY);
    },
  );

  it.each<[FakeOpFailure, typeof SecretNotFoundError | typeof OnePasswordError]>([
    ["item-missing", SecretNotFoundError],
    ["vault-missing", SecretNotFoundError],
    ["signed-out", OnePasswordError],
    ["crash", OnePasswordError],
  ])("removes op's service-account token and a value resolved earlier, written by op to stderr, from the %s error (message, sourcesTried, cause)", async (failure, ErrorClass) => {
    sandbox.setEnv("OP_SERVICE_ACCOUNT_TOKEN", OP_TOKEN);
    sandbox.fake.configure({ values: { "op://orchestratai/OTHER_KEY/credential": CANARY } });
    await expect(resolveSecret("OTHER_KEY", { env: {} })).resolves.toBe(CANARY);
    sandbox.fake.configure({ otherwise: failure, stderrBeforeFailure: `token ${OP_TOKEN} rejected; cached ${CANARY}` });
    const error = await resolveSecret(KEY, { env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    const texts = renderings(error);
    expect(texts.some((text) => text.includes("token *** rejected; cached ***"))).toBe(true);
    for (const text of texts) {
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(OP_TOKEN);
    }
  });

  it("keeps a secret resolved earlier, and one in another variable, out of later errors", async () => {
    sandbox.fake.configure({ values: { "op://orchestratai/OTHER_KEY/credential": CANARY } });
    await expect(resolveSecret("OTHER_KEY", { env: {} })).resolves.toBe(CANARY);
    const env = { SOME_TOKEN: CANARY, USE_ONEPASSWORD: "false" };
    const errors = await Promise.all([
      resolveSecret(KEY, { env }).catch((e: unknown) => e),
      resolveSecret(KEY, { env: { [KEY]: "op://v/missing/field", SOME_TOKEN: CANARY } }).catch((e: unknown) => e),
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      for (const text of renderings(error)) expect(text).not.toContain(CANARY);
    }
  });
});
