import { arrayOf, isJsonObject, objectOf, stringOf, type JsonObject } from "./json-values";
import type { ScriptedError } from "./stand-in-types";

/** Keywords Structured Outputs rejects in strict schemas (OpenAI: "Some type-specific keywords are not yet supported"). */
const UNSUPPORTED = ["allOf", "not", "oneOf", "dependentRequired", "dependentSchemas", "if", "then", "else"];
/** Keywords OpenAI additionally rejects for fine-tuned models (`ft:…`). */
const UNSUPPORTED_FINE_TUNED = [
  "minLength", "maxLength", "pattern", "format",
  "minimum", "maximum", "multipleOf",
  "patternProperties", "unevaluatedProperties", "propertyNames", "minProperties", "maxProperties",
  "unevaluatedItems", "contains", "minContains", "maxContains", "minItems", "maxItems", "uniqueItems",
];
/** Object levels a strict schema may nest. */
const MAX_NESTING = 10;
/** Enum values a strict schema may hold in total. */
const MAX_ENUM_VALUES = 1000;

/** A key path inside a schema, as OpenAI prints it: `('properties', 'city')`. */
type SchemaPath = readonly (string | number)[];

/** What is wrong with a schema, and where (no path: the schema as a whole). */
interface SchemaProblem {
  path?: SchemaPath;
  message: string;
}

/** The walk's running state: the keywords refused, and the totals checked at the end. */
interface Walk {
  unsupported: readonly string[];
  enumValues: number;
  deepest: number;
}

/** A Python tuple repr, as OpenAI's messages show the path: `()`, `('items',)`, `('properties', 'a')`. */
function contextOf(path: SchemaPath): string {
  const parts = path.map((part) => (typeof part === "number" ? String(part) : `'${part}'`));
  return `(${parts.join(", ")}${parts.length === 1 ? "," : ""})`;
}

function isObjectSchema(schema: JsonObject): boolean {
  const types: unknown[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes("object") || (schema.type === undefined && isJsonObject(schema.properties));
}

/** The problem of an object schema's own keys: additionalProperties, properties, required. */
function objectProblem(schema: JsonObject): string | undefined {
  if (schema.additionalProperties !== false) return "'additionalProperties' is required to be supplied and to be false.";
  if (!isJsonObject(schema.properties)) return "object schema missing properties.";
  const keys = Object.keys(schema.properties);
  const required = arrayOf(schema.required);
  const missing = keys.find((key) => !required.includes(key));
  if (missing !== undefined) {
    return `'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
  }
  const extra = required.find((key) => typeof key !== "string" || !keys.includes(key));
  return extra === undefined ? undefined : `'required' must be an array that includes every key in \`properties\`. Extra required key '${String(extra)}' supplied.`;
}

/** The sub-schemas of a schema with their paths: properties, items, anyOf branches, $defs / definitions. */
function children(schema: JsonObject, path: SchemaPath): { node: unknown; path: SchemaPath; nests: boolean }[] {
  const named = (key: string, nests: boolean) =>
    Object.entries(objectOf(schema[key])).map(([name, node]) => ({ node, path: [...path, key, name], nests }));
  return [
    ...named("properties", true),
    ...(isJsonObject(schema.items) ? [{ node: schema.items, path: [...path, "items"], nests: true }] : []),
    ...arrayOf(schema.anyOf).map((node, index) => ({ node, path: [...path, "anyOf", index], nests: true })),
    ...named("$defs", false),
    ...named("definitions", false),
  ];
}

/** Walks a schema depth-first; the first problem found, if any. `levels`: object schemas above this one. */
function walk(node: unknown, path: SchemaPath, levels: number, state: Walk): SchemaProblem | undefined {
  if (!isJsonObject(node)) return undefined;
  const refused = Object.keys(node).find((keyword) => state.unsupported.includes(keyword));
  if (refused !== undefined) return { path, message: `'${refused}' is not permitted.` };
  state.enumValues += arrayOf(node.enum).length;
  const object = isObjectSchema(node);
  const depth = levels + (object ? 1 : 0);
  state.deepest = Math.max(state.deepest, depth);
  const own = object ? objectProblem(node) : undefined;
  if (own !== undefined) return { path, message: own };
  for (const child of children(node, path)) {
    const problem = walk(child.node, child.path, child.nests ? depth : 0, state);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** The first problem of a strict schema, as OpenAI documents the rules of Structured Outputs. */
function strictSchemaProblem(schema: unknown, fineTuned: boolean): SchemaProblem | undefined {
  const root = objectOf(schema);
  if (root.type !== "object") {
    return { message: `schema must be a JSON Schema of 'type: "object"', got 'type: "${stringOf(root.type) ?? "None"}"'.` };
  }
  const state: Walk = { unsupported: fineTuned ? [...UNSUPPORTED, ...UNSUPPORTED_FINE_TUNED] : UNSUPPORTED, enumValues: 0, deepest: 0 };
  const problem = walk(root, [], 0, state);
  if (problem !== undefined) return problem;
  if (state.deepest > MAX_NESTING) return { message: `${state.deepest} levels of nesting exceeds limit of ${MAX_NESTING}.` };
  if (state.enumValues > MAX_ENUM_VALUES) {
    return {
      message:
        `Expected at most ${MAX_ENUM_VALUES} enum values in total within a single schema when using structured outputs, but received ` +
        `${state.enumValues}. Consider reducing the number of enums, or use 'strict: false' to opt out of structured outputs.`,
    };
  }
  return undefined;
}

/** OpenAI's 400 for a problem in the schema of `subject` ("response_format 'x'", "function 'y'"). */
function invalidSchema(subject: string, problem: SchemaProblem, param: string, code: string | null): ScriptedError {
  const where = problem.path === undefined ? "" : `In context=${contextOf(problem.path)}, `;
  return { status: 400, type: "invalid_request_error", param, code, message: `Invalid schema for ${subject}: ${where}${problem.message}` };
}

/**
 * The 400 `invalid_request_error` OpenAI sends for a chat request whose strict schemas break the
 * Structured Outputs rules, before any reply: function tools with `strict: true` (param
 * `tools[i].function.parameters`, code "invalid_function_parameters"), then a `json_schema`
 * `response_format` with `strict: true` (param "response_format", code null). Checked: the root is
 * `type: "object"`; every object sets `additionalProperties: false`, has `properties` and lists
 * every property in `required` (and nothing else); no unsupported keyword (allOf, not, oneOf,
 * dependentRequired, dependentSchemas, if/then/else; for `ft:` models also the string, number,
 * object and array constraints); at most 10 object levels and 1000 enum values.
 */
export function strictSchemaError(body: JsonObject): ScriptedError | undefined {
  const fineTuned = String(body.model).startsWith("ft:");
  for (const [index, tool] of arrayOf(body.tools).entries()) {
    const fn = objectOf(objectOf(tool).function);
    if (fn.strict !== true || fn.parameters === undefined) continue;
    const problem = strictSchemaProblem(fn.parameters, fineTuned);
    if (problem !== undefined) {
      return invalidSchema(`function '${String(fn.name)}'`, problem, `tools[${index}].function.parameters`, "invalid_function_parameters");
    }
  }
  const format = objectOf(body.response_format);
  const jsonSchema = objectOf(format.json_schema);
  if (format.type !== "json_schema" || jsonSchema.strict !== true) return undefined;
  const problem = strictSchemaProblem(jsonSchema.schema, fineTuned);
  return problem === undefined ? undefined : invalidSchema(`response_format '${String(jsonSchema.name)}'`, problem, "response_format", null);
}
