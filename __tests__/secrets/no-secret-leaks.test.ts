import { inspect } from "node:util";
import type { FakeOpFailure } from "../helpers/fake-op";
import { resolveSecret } from "../../src/secrets";
import { useSecretsSandbox } from "./sandbox";

const CANARY = "sk-CANARY-5e1f0c9d8b7a6";
const KEY = "TEST_API_KEY";

/** Every way the error could be shown: message, stack, JSON, a deep inspect with its cause. */
function renderings(error: unknown): string[] {
  const asError = error as Error & { cause?: unknown };
  return [
    String(asError.message),
    String(asError.stack),
    JSON.stringify(error),
    JSON.stringify(asError.cause ?? null),
    inspect(error, { depth: Infinity, showHidden: true }),
    String(asError.cause),
  ];
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
