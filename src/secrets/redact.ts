import { types } from "node:util";

/**
 * The secret values this process has resolved or been given, and their removal from any text the
 * package copies into its own errors (a server or proxy echoing a key, `op` writing to stderr).
 */

/** What a redacted value is replaced with. */
export const REDACTED = "***";
/** Values shorter than this are not remembered: masking them would mangle ordinary text. */
const MIN_SECRET_LENGTH = 8;
/** Variable names whose values are secrets (AWS_REGION or OP_VAULT are not). */
const SECRET_NAME = /KEY|SECRET|TOKEN|PASSWORD|CREDENTIAL|SESSION/i;
/** How far down a `cause` chain, and into plain data, errors are redacted. */
const MAX_DEPTH = 6;

const remembered = new Set<string>();

/** Remembers a secret value (an API key, an access key, a token) so that {@link redactSecrets} removes it. */
export function rememberSecret(value: string | undefined): void {
  if (typeof value === "string" && value.length >= MIN_SECRET_LENGTH) remembered.add(value);
}

/** Remembers `value` when the variable `name` holds a secret by its name (`…KEY`, `…SECRET…`, `…TOKEN`, `OP_SESSION_…`, …). */
export function rememberIfSecretName(name: string, value: string): void {
  if (SECRET_NAME.test(name)) rememberSecret(value);
}

/** `text` with every remembered secret value replaced by {@link REDACTED}. */
export function redactSecrets(text: string): string {
  let result = text;
  for (const secret of remembered) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  return result;
}

function isPlainData(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Redacts the strings of plain data (a parsed error body), in place. */
function redactData(data: Record<string, unknown> | unknown[], depth: number): void {
  for (const key of Object.keys(data)) {
    const value: unknown = (data as Record<string, unknown>)[key];
    if (typeof value === "string") (data as Record<string, unknown>)[key] = redactSecrets(value);
    else if (isPlainData(value) && depth < MAX_DEPTH) redactData(value, depth + 1);
  }
}

/**
 * Removes remembered secrets from an error and the errors down its `cause` chain (and inside an
 * AggregateError), in place: own string properties (`message`, `stack`, hidden ones too) and the
 * strings of plain-data properties (a parsed error body). Other objects are left as they are.
 *
 * @returns the same error.
 */
export function redactError<T>(error: T, depth = 0): T {
  // isNativeError: an error of Node's own realm (a socket's, under jest's sandbox) is not `instanceof Error`.
  if (!(error instanceof Error || types.isNativeError(error)) || depth > MAX_DEPTH || remembered.size === 0) return error;
  for (const key of Object.getOwnPropertyNames(error)) {
    const descriptor = Object.getOwnPropertyDescriptor(error, key);
    if (descriptor === undefined || !("value" in descriptor) || descriptor.writable !== true) continue;
    const value: unknown = descriptor.value;
    if (typeof value === "string") Object.defineProperty(error, key, { ...descriptor, value: redactSecrets(value) });
    else if (isPlainData(value)) redactData(value, depth);
  }
  redactError(error.cause, depth + 1);
  const inner: unknown = (error as { errors?: unknown }).errors;
  if (Array.isArray(inner)) for (const each of inner) redactError(each, depth + 1);
  return error;
}
