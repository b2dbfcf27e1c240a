import { arrayOf, isJsonObject, numberOf, objectOf, stringOf, type JsonObject } from "./json-values";

/** Sample strings for the JSON-schema formats structured-output schemas use most. */
const FORMAT_SAMPLES: Record<string, string> = {
  email: "user@example.com",
  uri: "https://example.com",
  url: "https://example.com",
  "date-time": "2024-01-01T00:00:00Z",
  date: "2024-01-01",
  time: "00:00:00",
  uuid: "00000000-0000-4000-8000-000000000000",
  ipv4: "127.0.0.1",
};

/** References deeper than this end in `null` (recursive schemas). */
const MAX_DEPTH = 8;

/** Follows a local `$ref` ("#", "#/$defs/X", "#/definitions/X") inside the root schema. */
function resolveRef(ref: string, root: JsonObject): JsonObject {
  const path = ref.replace(/^#\/?/, "").split("/").filter((part) => part.length > 0);
  return path.reduce<JsonObject>((node, part) => objectOf(node[part.replace(/~1/g, "/").replace(/~0/g, "~")]), root);
}

function sampleString(schema: JsonObject, hint: string): string {
  const format = stringOf(schema.format);
  let text = (format === undefined ? undefined : FORMAT_SAMPLES[format]) ?? `sample ${hint}`;
  const minLength = numberOf(schema.minLength) ?? 0;
  const maxLength = numberOf(schema.maxLength);
  if (text.length < minLength) text = text.padEnd(minLength, "x");
  return maxLength === undefined ? text : text.slice(0, maxLength);
}

function sampleNumber(schema: JsonObject, integer: boolean): number {
  const step = integer ? 1 : 0.5;
  const minimum = numberOf(schema.minimum);
  const exclusiveMinimum = numberOf(schema.exclusiveMinimum);
  const maximum = numberOf(schema.maximum) ?? (numberOf(schema.exclusiveMaximum) ?? Infinity) - step;
  let value = minimum ?? (exclusiveMinimum === undefined ? 1 : exclusiveMinimum + step);
  if (value > maximum) value = maximum;
  return integer ? Math.ceil(value) : value;
}

function sampleObject(schema: JsonObject, root: JsonObject, depth: number): JsonObject {
  const result: JsonObject = {};
  for (const [key, property] of Object.entries(objectOf(schema.properties))) {
    result[key] = sampleAt(property, root, depth + 1, key);
  }
  return result;
}

function sampleArray(schema: JsonObject, root: JsonObject, depth: number, hint: string): unknown[] {
  const count = Math.min(numberOf(schema.minItems) ?? 1, numberOf(schema.maxItems) ?? Infinity);
  const prefix = arrayOf(schema.prefixItems);
  return Array.from({ length: Math.max(count, prefix.length) }, (_, index) =>
    sampleAt(prefix[index] ?? schema.items, root, depth + 1, hint),
  );
}

/** The schema's type: its `type` (the first non-null one of a list), else guessed from its keywords. */
function typeOf(schema: JsonObject): string | undefined {
  const types: unknown[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  const declared = types.find((type) => type !== "null") ?? types[0];
  if (typeof declared === "string") return declared;
  if (isJsonObject(schema.properties)) return "object";
  if (schema.items !== undefined || schema.prefixItems !== undefined) return "array";
  return undefined;
}

function sampleAt(node: unknown, root: JsonObject, depth: number, hint: string): unknown {
  const schema = objectOf(node);
  if (depth > MAX_DEPTH) return null;
  const ref = stringOf(schema.$ref);
  if (ref !== undefined) return sampleAt(resolveRef(ref, root), root, depth + 1, hint);
  if ("const" in schema) return schema.const;
  const choices = arrayOf(schema.enum);
  if (choices.length > 0) return choices[0];
  const options = [...arrayOf(schema.anyOf), ...arrayOf(schema.oneOf)];
  if (options.length > 0) return sampleAt(options.find((o) => objectOf(o).type !== "null") ?? options[0], root, depth + 1, hint);
  const parts = arrayOf(schema.allOf);
  if (parts.length > 0) {
    return Object.assign({}, ...parts.map((part) => objectOf(sampleAt(part, root, depth + 1, hint)))) as JsonObject;
  }
  switch (typeOf(schema)) {
    case "object":
      return sampleObject(schema, root, depth);
    case "array":
      return sampleArray(schema, root, depth, hint);
    case "integer":
      return sampleNumber(schema, true);
    case "number":
      return sampleNumber(schema, false);
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return sampleString(schema, hint);
  }
}

/**
 * A value that conforms to a JSON schema, built deterministically: every property present, `const`
 * / first `enum` value, first non-null `anyOf`/`oneOf` branch, `allOf` merged, local `$ref`s followed,
 * strings "sample <property>" (or a sample of their `format`) fitted to min/maxLength, numbers at
 * their minimum (else 1) capped by their maximum, booleans `true`, arrays of `minItems` (else 1)
 * items. `pattern` and `multipleOf` are not honoured.
 */
export function sampleFromSchema(schema: unknown): unknown {
  const root = objectOf(schema);
  return sampleAt(root, root, 0, "value");
}
