import { InputError, SecretNotFoundError } from "../errors";
import { clearDotenvCache, readDotenvFile } from "./dotenv-source";
import { readOnePassword, type OnePasswordAnswer } from "./onepassword";
import { rememberIfSecretName } from "./redact";

/** Options of {@link resolveSecret}. */
export interface ResolveSecretOptions {
  /** The variables to look at instead of `process.env` (the `.env` file is still read). */
  env?: Record<string, string | undefined>;
  /** Kill `op` and fail after this many milliseconds; 10 000 by default. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_VAULT = "orchestratai";
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Values read through 1Password (or being read), by key and `op://` reference. */
const opReads = new Map<string, Promise<OnePasswordAnswer>>();

/** A variable's value; empty strings count as unset. */
export function variableValue(variables: Record<string, string | undefined>, name: string): string | undefined {
  const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
  return value === "" ? undefined : value;
}

/** One `op read` per key and reference per process: concurrent lookups share the run in flight. */
function readCached(key: string, reference: string, timeoutMs: number, otherwise: string): Promise<OnePasswordAnswer> {
  const cacheKey = `${key}\n${reference}`;
  const inFlightOrDone = opReads.get(cacheKey);
  if (inFlightOrDone !== undefined) return inFlightOrDone;
  const read = readOnePassword(reference, { timeoutMs, otherwise });
  opReads.set(cacheKey, read);
  const forgetUnlessFound = (answer?: OnePasswordAnswer): void => {
    if (answer?.found !== true && opReads.get(cacheKey) === read) opReads.delete(cacheKey);
  };
  read.then(forgetUnlessFound, () => forgetUnlessFound());
  return read;
}

function checkOptions(key: string, timeoutMs: number): void {
  if (!VARIABLE_NAME.test(key)) {
    throw new InputError(`Secret key ${JSON.stringify(key)} must be an environment variable name such as OPENAI_API_KEY.`);
  }
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new InputError(`timeoutMs must be a positive number of milliseconds; got ${String(timeoutMs)}.`);
  }
}

/** Where a variable was found. */
interface FoundVariable {
  value: string;
  origin: string;
}

/**
 * The variables a lookup sees: `options.env` (else `process.env`), then the `.env` file of the
 * working directory, read only when needed.
 */
class Variables {
  constructor(private readonly given: Record<string, string | undefined> | undefined) {}

  /** How the first layer is named in messages. */
  describe(name: string): string {
    return this.given === undefined ? `environment variable ${name}` : `${name} in options.env`;
  }

  /** Where `name` is described in the `.env` layer. */
  describeFile(name: string): string {
    return `${name} in ${readDotenvFile().path}`;
  }

  get(name: string): FoundVariable | undefined {
    const direct = variableValue(this.given ?? process.env, name);
    if (direct !== undefined) return { value: direct, origin: this.describe(name) };
    const fromFile = variableValue(readDotenvFile().values, name);
    return fromFile === undefined ? undefined : { value: fromFile, origin: this.describeFile(name) };
  }
}

/**
 * Finds a secret (an API key, an access key) by its variable name.
 *
 * Order: the variables (`options.env`, else `process.env`), then the `.env` file of the working
 * directory (read with dotenv's parser; `process.env` is never changed) — a value there that is an
 * `op://vault/item/field` reference is read through the 1Password CLI; then, unless
 * `USE_ONEPASSWORD` is `false`, `op read op://$OP_VAULT/<key>/credential` (`OP_VAULT` defaults to
 * "orchestratai"; both are looked up like the key: `options.env` or `process.env`, then `.env`).
 * An `op://` reference is read even with `USE_ONEPASSWORD=false`, which turns off only the vault
 * lookup. Empty values count as unset. Values read through 1Password are cached per process by
 * key and reference, and concurrent lookups of one key run `op` once. `op` runs with
 * `process.env`. No secret value appears in any error: the value of a key named like a secret
 * (`…KEY`, `…SECRET…`, `…TOKEN`, …) is remembered and removed from the package's error messages.
 *
 * @param key - the variable name, e.g. "OPENAI_API_KEY".
 * @param options - other variables to look at, and the `op` timeout.
 * @returns the secret.
 * @throws SecretNotFoundError naming the key, each source tried and what to set, when no source has it.
 * @throws OnePasswordError when `op` is needed but missing, signed out, timed out or failing.
 * @throws InputError for a key that is not a variable name or a bad `timeoutMs`.
 * @throws ConfigurationError when a `.env` file exists but cannot be read.
 */
export async function resolveSecret(key: string, options: ResolveSecretOptions = {}): Promise<string> {
  const value = await lookUp(key, options);
  rememberIfSecretName(key, value);
  return value;
}

/** The lookup of {@link resolveSecret}, before the value found is remembered for redaction. */
async function lookUp(key: string, options: ResolveSecretOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  checkOptions(key, timeoutMs);
  const variables = new Variables(options.env);
  const found = variables.get(key);
  if (found !== undefined && !found.value.startsWith("op://")) return found.value;

  if (found !== undefined) {
    const reference = found.value;
    const answer = await readCached(key, reference, timeoutMs, `set ${key} to the value itself`);
    if (answer.found) return answer.value;
    const tried = [`1Password ${reference}, the value of ${found.origin} (${answer.reason})`];
    throw new SecretNotFoundError(key, tried, `Store the secret at ${reference}, or set ${key} to the value itself.`);
  }

  const tried = [variables.describe(key), variables.describeFile(key)];
  const storeIt = `Set ${key} in the environment or in .env`;
  if (variables.get("USE_ONEPASSWORD")?.value.toLowerCase() === "false") {
    tried.push("1Password (skipped: USE_ONEPASSWORD=false)");
    throw new SecretNotFoundError(key, tried, `${storeIt}, or remove USE_ONEPASSWORD=false to read it from 1Password.`);
  }
  const vault = variables.get("OP_VAULT")?.value ?? DEFAULT_VAULT;
  const reference = `op://${vault}/${key}/credential`;
  const otherwise = `set ${key} in the environment or .env, or set USE_ONEPASSWORD=false`;
  const answer = await readCached(key, reference, timeoutMs, otherwise);
  if (answer.found) return answer.value;
  tried.push(`1Password ${reference} (${answer.reason})`);
  throw new SecretNotFoundError(
    key,
    tried,
    `${storeIt}, store it in 1Password as ${reference} (vault from OP_VAULT), or set ${key} to an op:// reference.`,
  );
}

/**
 * Forgets every cached secret and parsed `.env` file, so the next lookups read their sources
 * again. For tests, and for a process whose 1Password items or `.env` changed.
 */
export function clearSecretCache(): void {
  opReads.clear();
  clearDotenvCache();
}
