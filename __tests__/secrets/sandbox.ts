import { mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clearSecretCache } from "../../src/secrets";
import { createFakeOp, type FakeOp } from "../helpers/fake-op";

/** A per-test world for secret lookups: a fake `op` on PATH, a temporary cwd, saved variables. */
export interface SecretsSandbox {
  /** The fake 1Password CLI, first on PATH. */
  fake: FakeOp;
  /** The temporary working directory of the test. */
  cwd: string;
  /** Writes `.env` in the working directory. */
  writeDotenv(text: string): void;
  /** Sets (or, with undefined, deletes) a process.env variable until the test ends. */
  setEnv(name: string, value: string | undefined): void;
}

/** Variables of the real environment that would change a lookup's outcome. */
const AMBIENT = ["USE_ONEPASSWORD", "OP_VAULT", "OP_SERVICE_ACCOUNT_TOKEN"];

/**
 * Registers beforeEach / afterEach hooks that give every test a fresh {@link SecretsSandbox}
 * (and an empty secret cache) and restore PATH, cwd and process.env afterwards.
 */
export function useSecretsSandbox(): SecretsSandbox {
  const saved = new Map<string, string | undefined>();
  let restorePath = (): void => undefined;
  let previousCwd = process.cwd();
  const sandbox = {
    setEnv(name: string, value: string | undefined) {
      if (!saved.has(name)) saved.set(name, process.env[name]);
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    },
    writeDotenv(text: string) {
      writeFileSync(join(sandbox.cwd, ".env"), text);
    },
  } as SecretsSandbox;

  beforeEach(() => {
    clearSecretCache();
    sandbox.fake = createFakeOp();
    restorePath = sandbox.fake.prependToPath();
    sandbox.cwd = realpathSync(mkdtempSync(join(tmpdir(), "secrets-cwd-")));
    previousCwd = process.cwd();
    process.chdir(sandbox.cwd);
    for (const name of AMBIENT) sandbox.setEnv(name, undefined);
  });

  afterEach(() => {
    process.chdir(previousCwd);
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    saved.clear();
    restorePath(); // after the saved variables, which may include a PATH set by the test
    rmSync(sandbox.cwd, { recursive: true, force: true });
    sandbox.fake.remove();
    clearSecretCache();
  });

  return sandbox;
}
