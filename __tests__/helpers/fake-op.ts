import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

/** How the fake `op read` fails for a reference, each as users have seen the real one answer. */
export type FakeOpFailure =
  | "item-missing"
  | "vault-missing"
  | "ambiguous"
  | "signed-out"
  /** Never answers (as op waiting for the desktop app does); records its pid in `hangingPids()`. */
  | "hang"
  /** Fails with two stderr lines that are about nothing the caller can name. */
  | "crash"
  /** Exits with status 3 and no output. */
  | "silent"
  /** Exits with status 1 after its long usage text on stderr (as a misconfigured op does). */
  | "usage";

/** What the fake `op` answers. */
export interface FakeOpOptions {
  /** `op://…` reference → the value `op read` prints (followed by a newline), exit 0. */
  values?: Record<string, string>;
  /** `op://…` reference → how `op read` fails for it. */
  failures?: Record<string, FakeOpFailure>;
  /** How every other reference is answered; "item-missing" by default. */
  otherwise?: FakeOpFailure;
  /** Answer as signed out unless OP_SERVICE_ACCOUNT_TOKEN is set in op's environment. */
  requireServiceAccountToken?: boolean;
  /** Wait this long before answering, so concurrent lookups overlap. */
  delayMs?: number;
  /** Printed on stdout before any failure (to check that a failing run's output never leaks). */
  stdoutBeforeFailure?: string;
  /** Written to stderr, as an `[ERROR]` line, before any failure's own line (op echoing a token, say). */
  stderrBeforeFailure?: string;
}

/** A fake `op` executable in a temporary directory. */
export interface FakeOp {
  /** The directory holding the `op` executable: put it on PATH. */
  dir: string;
  /** One line per run of the fake: its arguments, space separated. */
  invocationsFile: string;
  /** How many times the fake has run. */
  count(): number;
  /** The arguments of each run, in order. */
  invocations(): string[];
  /** The process ids of runs that hung, so a test can check they were killed. */
  hangingPids(): number[];
  /** Replaces what the fake answers. */
  configure(options: FakeOpOptions): void;
  /** Puts the fake first on `process.env.PATH`; returns the function that restores PATH. */
  prependToPath(): () => void;
  /** A copy of `base` with the fake first on its PATH, for child processes. */
  env(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** Deletes the directory. */
  remove(): void;
}

const INVOCATIONS = "invocations.log";
const HANGING_PIDS = "hanging.pids";

/** The stderr line prefix of the real `op`. */
const ERROR_PREFIX = "[ERROR] 2026/11/25 10:00:00 ";

/** The start of the real `op --help` text, 20 lines. */
const USAGE_TEXT = [
  "1Password CLI brings 1Password to your terminal.",
  "",
  "Turn on the 1Password app integration and sign in to get started. Run",
  "'op signin --help' to learn more.",
  "",
  "For more help, read our documentation:",
  "https://developer.1password.com/docs/cli",
  "",
  "Usage:  op [command] [flags]",
  "",
  "Management Commands:",
  "  account         Manage your locally configured 1Password accounts",
  "  connect         Manage Connect server instances and tokens in your 1Password account",
  "  document        Perform CRUD operations on Document items in your vaults",
  "  events-api      Manage Events API integrations in your 1Password account",
  "  group           Manage the groups in your 1Password account",
  "  item            Perform CRUD operations on the 1Password items in your vaults",
  "  plugin          Manage the shell plugins you use to authenticate third-party CLIs",
  "  user            Manage users within this 1Password account",
  "  vault           Manage permissions and perform CRUD operations on your 1Password vaults",
];

/** A shell word that is exactly `text`. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The shell lines that answer one failure; $vault and $item are parsed from the reference and
 * $pids names the file of hanging process ids.
 */
function failureScript(failure: FakeOpFailure, stdout: string | undefined, stderr: string | undefined): string {
  const before =
    (stdout === undefined ? "" : `printf '%s\\n' ${quote(stdout)}; `) + (stderr === undefined ? "" : `printf '%s\\n' ${quote(ERROR_PREFIX + stderr)} >&2; `);
  const fail = (message: string): string => `${before}printf '%s\\n' "${ERROR_PREFIX}${message}" >&2; exit 1`;
  switch (failure) {
    case "item-missing":
      return fail(`\\"$item\\" isn't an item in the \\"$vault\\" vault. Specify the item with its UUID, name, or domain.`);
    case "vault-missing":
      return fail(`\\"$vault\\" doesn't seem to be a vault in this account.`);
    case "ambiguous":
      return fail(`More than one item matches \\"$item\\". Try again and specify the item by its ID.`);
    case "signed-out":
      return fail("You are not currently signed in. Please run \\`op signin --help\\` for instructions");
    case "hang":
      return `${before}echo $$ >> "$pids"; exec sleep 60`;
    case "crash":
      return `${before}printf '%s\\n' "${ERROR_PREFIX}connecting to desktop app: read: connection reset by peer" ` +
        `"${ERROR_PREFIX}is the 1Password app running?" >&2; exit 1`;
    case "silent":
      return `${before}exit 3`;
    case "usage":
      return `${before}printf '%s\\n' ${USAGE_TEXT.map(quote).join(" ")} >&2; exit 1`;
  }
}

function script(dir: string, options: FakeOpOptions): string {
  const failureOf = (failure: FakeOpFailure): string => failureScript(failure, options.stdoutBeforeFailure, options.stderrBeforeFailure);
  const lines = [
    "#!/bin/sh",
    `printf '%s\\n' "$*" >> ${quote(join(dir, INVOCATIONS))}`,
    `pids=${quote(join(dir, HANGING_PIDS))}`,
    options.delayMs === undefined ? "" : `sleep ${options.delayMs / 1000}`,
    `[ "$1" = read ] || { printf '%s\\n' "${ERROR_PREFIX}unknown command \\"$1\\" for \\"op\\"" >&2; exit 1; }`,
    'ref="$2"; path="${ref#op://}"; vault="${path%%/*}"; rest="${path#*/}"; item="${rest%%/*}"',
    options.requireServiceAccountToken === true
      ? `[ -n "$OP_SERVICE_ACCOUNT_TOKEN" ] || { ${failureOf("signed-out")}; }`
      : "",
    'case "$ref" in',
    ...Object.entries(options.values ?? {}).map(
      ([reference, value]) => `  ${quote(reference)}) printf '%s\\n' ${quote(value)}; exit 0 ;;`,
    ),
    ...Object.entries(options.failures ?? {}).map(
      ([reference, failure]) => `  ${quote(reference)}) ${failureOf(failure)} ;;`,
    ),
    "esac",
    failureOf(options.otherwise ?? "item-missing"),
  ];
  return `${lines.filter((line) => line !== "").join("\n")}\n`;
}

/**
 * Writes a fake 1Password CLI (`op`, a POSIX shell script) into a new temporary directory. It
 * answers `op read <reference>` like the real one: the value and a newline on stdout with exit 0,
 * or one `[ERROR] date time message` line on stderr with exit 1, and records each run.
 *
 * @param options - what it answers; change it later with `configure`.
 */
export function createFakeOp(options: FakeOpOptions = {}): FakeOp {
  const dir = mkdtempSync(join(tmpdir(), "fake-op-"));
  const invocationsFile = join(dir, INVOCATIONS);
  const executable = join(dir, "op");
  writeFileSync(invocationsFile, "");
  writeFileSync(join(dir, HANGING_PIDS), "");
  const linesOf = (file: string): string[] => readFileSync(join(dir, file), "utf8").split("\n").filter((line) => line !== "");
  const invocations = (): string[] => linesOf(INVOCATIONS);
  const fake: FakeOp = {
    dir,
    invocationsFile,
    invocations,
    count: () => invocations().length,
    hangingPids: () => linesOf(HANGING_PIDS).map(Number),
    configure(next) {
      const staging = `${executable}.next`;
      writeFileSync(staging, script(dir, next), { mode: 0o755 });
      renameSync(staging, executable);
    },
    prependToPath() {
      const previous = process.env.PATH;
      process.env.PATH = fake.env().PATH;
      return () => {
        process.env.PATH = previous;
      };
    },
    env(base = process.env) {
      return { ...base, PATH: [dir, base.PATH].filter((part) => part !== undefined && part !== "").join(delimiter) };
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  fake.configure(options);
  return fake;
}
