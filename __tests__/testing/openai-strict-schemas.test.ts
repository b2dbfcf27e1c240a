import { tool } from "@langchain/core/tools";
import OpenAI from "openai";
import { z } from "zod";
import { useOpenAIStandIn } from "../helpers/stand-ins";
import { chatOpenAI, openAIClient } from "./sdk-clients";

const server = useOpenAIStandIn();

type Schema = Record<string, unknown>;
const object = (properties: Record<string, Schema>, extra: Schema = {}): Schema => ({
  type: "object",
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
  ...extra,
});

/** Sends a strict json_schema response_format with the real openai SDK; the error it throws, or undefined. */
async function withResponseSchema(schema: unknown, model = "gpt-4o"): Promise<InstanceType<typeof OpenAI.APIError> | undefined> {
  const request = openAIClient(server).chat.completions.create({
    model,
    messages: [{ role: "user", content: "hi" }],
    response_format: { type: "json_schema", json_schema: { name: "answer", strict: true, schema: schema as Schema } },
  });
  return request.then(
    () => undefined,
    (error: unknown) => error as InstanceType<typeof OpenAI.APIError>,
  );
}

/** The `error` object of the body the stand-in sent. */
async function rejectionOf(schema: unknown, model?: string): Promise<unknown> {
  const error = await withResponseSchema(schema, model);
  expect(error).toBeInstanceOf(OpenAI.BadRequestError);
  return error?.error;
}

const refusal = (message: string) => ({ message: `Invalid schema for response_format 'answer': ${message}`, type: "invalid_request_error", param: "response_format", code: null });

describe("OpenAI stand-in: strict schemas are validated as Structured Outputs documents, 400 before any reply", () => {
  it("refuses an object without additionalProperties: false (the open schema of the issue) and uses no scripted reply", async () => {
    server.reply({ text: "still queued" });
    expect(await rejectionOf({ type: "object", additionalProperties: {} })).toEqual(
      refusal("In context=(), 'additionalProperties' is required to be supplied and to be false."),
    );
    expect((await chatOpenAI(server).invoke("hi")).content).toBe("still queued");
    expect(server.requests).toHaveLength(2);
  });

  it("refuses a property left out of required, in nested objects and array items too, naming where", async () => {
    const missing = { type: "object", properties: { a: { type: "string" }, b: { type: "string" } }, required: ["a"], additionalProperties: false };
    expect(await rejectionOf(missing)).toEqual(
      refusal("In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'b'."),
    );
    const nested = object({ inner: { type: "object", properties: { x: { type: "number" } }, required: ["x"] } });
    expect(await rejectionOf(nested)).toEqual(refusal("In context=('properties', 'inner'), 'additionalProperties' is required to be supplied and to be false."));
    const items = object({ rows: { type: "array", items: { type: "object", properties: { y: { type: "string" } }, additionalProperties: false } } });
    expect(await rejectionOf(items)).toMatchObject(refusal("In context=('properties', 'rows', 'items'), 'required' is required to be supplied and to be an array including every key in properties. Missing 'y'."));
    const extra = object({ a: { type: "string" } }, { required: ["a", "z"] });
    expect(await rejectionOf(extra)).toEqual(
      refusal("In context=(), 'required' must be an array that includes every key in `properties`. Extra required key 'z' supplied."),
    );
    expect(await rejectionOf({ type: "object", additionalProperties: false })).toEqual(refusal("In context=(), object schema missing properties."));
  });

  it("refuses unsupported keywords, a root that is not an object, too deep nesting and too many enum values", async () => {
    expect(await rejectionOf(object({ v: { oneOf: [{ type: "string" }, { type: "number" }] } }))).toEqual(refusal("In context=('properties', 'v'), 'oneOf' is not permitted."));
    expect(await rejectionOf(object({ v: { anyOf: [{ type: "string" }, { allOf: [{ type: "number" }] }] } }))).toEqual(
      refusal("In context=('properties', 'v', 'anyOf', 1), 'allOf' is not permitted."),
    );
    expect(await rejectionOf(object({ d: { $ref: "#/$defs/D" } }, { $defs: { D: { type: "object", properties: {} } } }))).toEqual(
      refusal("In context=('$defs', 'D'), 'additionalProperties' is required to be supplied and to be false."),
    );
    expect(await rejectionOf(object({}, { definitions: { Old: object({ x: { type: "string", if: {} } }) } }))).toEqual(
      refusal("In context=('definitions', 'Old', 'properties', 'x'), 'if' is not permitted."),
    );
    expect(await rejectionOf({ type: "array", items: { type: "string" } })).toEqual(refusal(`schema must be a JSON Schema of 'type: "object"', got 'type: "array"'.`));
    expect(await rejectionOf({ anyOf: [object({})] })).toEqual(refusal(`schema must be a JSON Schema of 'type: "object"', got 'type: "None"'.`));
    let deep = object({ leaf: { type: "string" } });
    for (let level = 0; level < 10; level += 1) deep = object({ next: deep });
    expect(await rejectionOf(deep)).toEqual(refusal("11 levels of nesting exceeds limit of 10."));
    const enums = object({ a: { type: "string", enum: Array.from({ length: 600 }, (_, i) => `a${i}`) }, b: { type: "string", enum: Array.from({ length: 401 }, (_, i) => `b${i}`) } });
    expect(await rejectionOf(enums)).toEqual(
      refusal(
        "Expected at most 1000 enum values in total within a single schema when using structured outputs, but received 1001. " +
          "Consider reducing the number of enums, or use 'strict: false' to opt out of structured outputs.",
      ),
    );
  });

  it("accepts what the documented subset allows, and refuses string constraints only for fine-tuned models", async () => {
    const constrained = object({ code: { type: "string", pattern: "^[A-Z]+$", minLength: 2 }, n: { type: ["integer", "null"], minimum: 1 } }, { $schema: "x", title: "T" });
    expect(await withResponseSchema(constrained)).toBeUndefined();
    expect(await rejectionOf(constrained, "ft:gpt-4o-mini-2024-07-18:acme::abc123")).toEqual(
      refusal("In context=('properties', 'code'), 'pattern' is not permitted."),
    );
    const notStrict = await openAIClient(server).chat.completions.create({
      model: "gpt-4o",
      messages: [{ role: "user", content: "hi" }],
      response_format: { type: "json_schema", json_schema: { name: "answer", schema: { type: "object", additionalProperties: {} } } },
    });
    expect(notStrict.choices[0]?.message.content).toBe("{}");
  });

  it("ChatOpenAI.withStructuredOutput (strict by default) with an optional property is refused; nullable passes", async () => {
    const optional = z.object({ city: z.string(), note: z.string().optional() });
    const error = await chatOpenAI(server).withStructuredOutput(optional, { name: "forecast" }).invoke("Rome?").catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 400,
      message: expect.stringContaining(
        "Invalid schema for response_format 'forecast': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'note'.",
      ),
    });
    const nullable = z.object({ city: z.string(), note: z.string().nullable() });
    expect(await chatOpenAI(server).withStructuredOutput(nullable).invoke("Rome?")).toEqual({ city: "sample city", note: "sample note" });
  });

  it("validates strict function tools, naming the tool and its index; non-strict tools are not checked", async () => {
    const good = tool(async () => "ok", { name: "good", description: "d", schema: z.object({ a: z.string() }) });
    const loose = tool(async () => "ok", { name: "get_weather", description: "d", schema: z.object({ city: z.string(), unit: z.string().optional() }) });
    const error = await chatOpenAI(server).bindTools([good, loose], { strict: true }).invoke("hi").catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    const raw = await openAIClient(server)
      .chat.completions.create({
        model: "gpt-4o",
        messages: [{ role: "user", content: "hi" }],
        tools: (server.requests[0]!.body as { tools: OpenAI.ChatCompletionFunctionTool[] }).tools,
      })
      .catch((e: unknown) => e as InstanceType<typeof OpenAI.APIError>);
    expect((raw as InstanceType<typeof OpenAI.APIError>).error).toEqual({
      message: "Invalid schema for function 'get_weather': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'unit'.",
      type: "invalid_request_error",
      param: "tools[1].function.parameters",
      code: "invalid_function_parameters",
    });
    const notStrict = await chatOpenAI(server).bindTools([good, loose]).invoke("get_weather?");
    expect(notStrict.tool_calls?.map((call) => call.name)).toEqual(["get_weather"]);
  });
});
