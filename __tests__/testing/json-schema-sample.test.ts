import { z } from "zod";
import { sampleFromSchema } from "../../src/testing";

describe("sampleFromSchema", () => {
  it("builds a value every zod schema of a structured-output call accepts", () => {
    const schema = z.object({
      id: z.string().uuid(),
      site: z.string().url(),
      when: z.string().datetime(),
      day: z.string().date(),
      name: z.string().min(20).max(25),
      code: z.string().max(3),
      count: z.number().int().positive(),
      ratio: z.number().gt(0).lt(1),
      score: z.number().max(-5),
      ok: z.boolean(),
      nothing: z.null(),
      maybe: z.string().nullable(),
      pick: z.union([z.literal("a"), z.literal("b")]),
      pair: z.tuple([z.string(), z.number()]),
      nested: z.object({ tags: z.array(z.enum(["x", "y"])).min(3) }),
    });
    const value = sampleFromSchema(z.toJSONSchema(schema));
    expect(schema.parse(value)).toEqual({
      id: "00000000-0000-4000-8000-000000000000",
      site: "https://example.com",
      when: "2024-01-01T00:00:00Z",
      day: "2024-01-01",
      name: "sample namexxxxxxxxx",
      code: "sam",
      count: 1,
      ratio: 0.5,
      score: -5,
      ok: true,
      nothing: null,
      maybe: "sample maybe",
      pick: "a",
      pair: ["sample pair", 1],
      nested: { tags: ["x", "x", "x"] },
    });
  });

  it("follows local $refs, merges allOf, and ends recursion in null", () => {
    const schema = {
      $defs: { point: { type: "object", properties: { x: { type: "number", minimum: 3 } } } },
      type: "object",
      properties: {
        at: { $ref: "#/$defs/point" },
        both: { allOf: [{ $ref: "#/$defs/point" }, { properties: { y: { type: "integer", exclusiveMinimum: 4 } } }] },
        self: { $ref: "#" },
        "a/b": { const: 7 },
        viaEscape: { $ref: "#/properties/a~1b" },
        onlyNull: { type: ["null"] },
        empty: {},
        none: { type: "array", maxItems: 0, items: { type: "string" } },
      },
    };
    const value = sampleFromSchema(schema) as Record<string, unknown>;
    expect(value.at).toEqual({ x: 3 });
    expect(value.both).toEqual({ x: 3, y: 5 });
    expect(value["a/b"]).toBe(7);
    expect(value.viaEscape).toBe(7);
    expect(value.onlyNull).toBeNull();
    expect(value.empty).toBe("sample empty");
    expect(value.none).toEqual([]);
    let depth = 0;
    for (let node = value.self as Record<string, unknown> | null; node !== null; node = node.self as Record<string, unknown> | null) depth += 1;
    expect(depth).toBe(4);
  });

  it("samples bare schemas and non-schemas", () => {
    expect(sampleFromSchema({ type: "string", format: "email" })).toBe("user@example.com");
    expect(sampleFromSchema({ enum: ["only"] })).toBe("only");
    expect(sampleFromSchema({ items: { type: "boolean" } })).toEqual([true]);
    expect(sampleFromSchema(undefined)).toBe("sample value");
  });
});
