import { execFile, type ExecFileException } from "node:child_process";
import { OnePasswordError } from "../errors";
import { redactError, redactSecrets, rememberIfSecretName } from "./redact";

/** How to run one `op read`. */
export interface OnePasswordReadOptions {
  /** Kill `op` and fail after this many milliseconds. */
  timeoutMs: number;
  /** The caller's other ways out, ending each error, e.g. "set OPENAI_API_KEY … or USE_ONEPASSWORD=false". */
  otherwise: string;
}

/** What `op read` answered: the value, or why 1Password has none (no such vault, item or field). */
export type OnePasswordAnswer = { found: true; value: string } | { found: false; reason: string };

/** `[ERROR] 2023/04/24 13:55:55 ` in front of each line `op` writes to stderr. */
const ERROR_LINE_PREFIX = /^\[ERROR\] \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} /;
/** Answers about the item itself: 1Password has no value there, which is not a failure of `op`. */
const NO_SUCH_ITEM = /isn't an item|isn't a field|doesn't seem to be a vault|more than one item matches/i;
/** Answers meaning no 1Password session exists. */
const SIGNED_OUT = /not (currently )?signed in|has not been signed in|no accounts configured|session expired|op signin/i;
const MAX_SUMMARY_CHARS = 300;

/** `op`'s stderr in one line, without the `[ERROR] date time` prefixes, secrets removed. */
function summarise(stderr: string): string {
  const text = redactSecrets(stderr)
    .split(/\r?\n/)
    .map((line) => line.replace(ERROR_LINE_PREFIX, "").trim())
    .filter((line) => line !== "")
    .join("; ");
  return text.length > MAX_SUMMARY_CHARS ? `${text.slice(0, MAX_SUMMARY_CHARS)}…` : text;
}

/** Turns a failed run into an answer without a value, or the {@link OnePasswordError} to throw. */
function failureOf(
  reference: string,
  failure: ExecFileException,
  stderr: string,
  otherwise: string,
): OnePasswordError | OnePasswordAnswer {
  // Node puts op's stderr in the message of the error kept as `cause`.
  const error = redactError(failure);
  if (error.code === "ENOENT") {
    return new OnePasswordError(
      `The 1Password CLI (op) is not installed or not on PATH, so ${reference} could not be read: ` +
        `install the 1Password CLI, or ${otherwise}.`,
      { cause: error },
    );
  }
  const summary = summarise(stderr);
  if (NO_SUCH_ITEM.test(summary)) return { found: false, reason: summary };
  if (SIGNED_OUT.test(summary)) {
    return new OnePasswordError(
      `The 1Password CLI is not signed in, so ${reference} could not be read (${summary}): ` +
        `run \`op signin\` or set OP_SERVICE_ACCOUNT_TOKEN, or ${otherwise}.`,
      { cause: error },
    );
  }
  const what = summary !== "" ? summary : `exit code ${String(error.code ?? error.signal)}`;
  return new OnePasswordError(`op read ${reference} failed (${what}): fix 1Password, or ${otherwise}.`, {
    cause: error,
  });
}

/**
 * Reads one `op://vault/item/field` reference with `op read`, run without a shell and with
 * `process.env` (PATH, OP_SERVICE_ACCOUNT_TOKEN, session variables). The value never appears in
 * an error.
 *
 * @param reference - the `op://…` reference.
 * @param options - the timeout and the caller's alternatives for the error messages.
 * @returns the value without its trailing newline, or why there is none: no such vault, item or
 *   field, more than one item matching, or an empty value.
 * @throws OnePasswordError when `op` is missing, not signed in, timed out or failed otherwise.
 */
export function readOnePassword(reference: string, options: OnePasswordReadOptions): Promise<OnePasswordAnswer> {
  // op's own credentials (OP_SERVICE_ACCOUNT_TOKEN, OP_CONNECT_TOKEN, OP_SESSION_<account>) must
  // not reach an error either, should op write them to stderr.
  for (const [name, value] of Object.entries(process.env)) if (name.startsWith("OP_") && value !== undefined) rememberIfSecretName(name, value);
  return new Promise((resolve, reject) => {
    let settled = false;
    const child = execFile(
      "op",
      ["read", reference],
      { env: process.env, encoding: "utf8", windowsHide: true },
      (error, stdout, stderr) => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        if (error === null) {
          const value = stdout.replace(/\r?\n$/, "");
          resolve(value === "" ? { found: false, reason: "the value is empty" } : { found: true, value });
          return;
        }
        const failure = failureOf(reference, error, stderr, options.otherwise);
        if (failure instanceof OnePasswordError) reject(failure);
        else resolve(failure);
      },
    );
    const timer = setTimeout(() => {
      settled = true;
      child.kill("SIGKILL");
      child.stdout?.destroy();
      child.stderr?.destroy();
      reject(
        new OnePasswordError(
          `op read ${reference} timed out after ${options.timeoutMs} ms (1Password may be waiting for the ` +
            `desktop app or a sign-in): unlock 1Password, run \`op signin\` or set OP_SERVICE_ACCOUNT_TOKEN, ` +
            `or ${options.otherwise}.`,
        ),
      );
    }, options.timeoutMs);
  });
}
