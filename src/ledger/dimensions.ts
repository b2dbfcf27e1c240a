import { wellFormed } from "../well-formed";
import { InputError } from "../errors";

/** The keys every row has, for `where` and `by`, and the column each is kept in. */
export const BUILT_IN_KEYS: Readonly<Record<string, string>> = {
  role: "role",
  node: "node",
  model: "model",
  requestedModel: "requested_model",
  thread: "thread_id",
  provider: "provider",
  kind: "kind",
};

/** The dimension that counts spend over all calls (its value is ""). */
export const ALL_CALLS = "all";

const DIMENSION_NAME = /^[A-Za-z][A-Za-z0-9_]{0,50}$/;

/** The column of a recorded metadata dimension. */
export function dimensionColumn(name: string): string {
  return `dim_${name}`;
}

/** A column name quoted for SQL (names are checked letters, digits and underscores). */
export function quoted(column: string): string {
  return `"${column}"`;
}

/**
 * Checks the `dimensions` option of a ledger.
 * @returns the names, without repeats.
 * @throws InputError for a name that is not letters, digits and underscores, or that is a built-in key.
 */
export function checkDimensions(dimensions: unknown): string[] {
  if (dimensions === undefined) return [];
  if (!Array.isArray(dimensions)) throw new InputError(`dimensions must be a list of metadata keys, e.g. ["tenant"]; got ${JSON.stringify(dimensions)}.`);
  for (const name of dimensions) {
    if (typeof name !== "string" || !DIMENSION_NAME.test(name)) {
      throw new InputError(`A ledger dimension must be a metadata key of letters, digits and underscores starting with a letter (at most 51); got ${JSON.stringify(name)}.`);
    }
    if (name in BUILT_IN_KEYS || name === ALL_CALLS) {
      throw new InputError(`"${name}" is recorded on every row already; name a metadata key of your own as a dimension (built-in keys: ${Object.keys(BUILT_IN_KEYS).join(", ")}).`);
    }
  }
  return [...new Set(dimensions as string[])];
}

/** A metadata value as it is recorded: strings as they are, numbers and booleans as text; anything else (or "") is not recorded. */
export function dimensionValue(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : wellFormed(value);
  return typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}

/**
 * The column a query key reads: a built-in key, or a dimension the ledger has recorded.
 * @throws InputError naming the keys there are.
 */
export function queryColumn(key: string, recorded: readonly string[]): string {
  const builtIn = BUILT_IN_KEYS[key];
  if (builtIn !== undefined) return builtIn;
  if (recorded.includes(key)) return dimensionColumn(key);
  const dimensions = recorded.length === 0 ? "none" : recorded.join(", ");
  throw new InputError(`"${key}" is not a key of this ledger: use ${Object.keys(BUILT_IN_KEYS).join(", ")} or a recorded dimension (recorded: ${dimensions}).`);
}
