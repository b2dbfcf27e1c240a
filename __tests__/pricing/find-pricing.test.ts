import { PRICING, costOf, findPricing, mergePricing } from "../../src/pricing";
import { builtInPricing } from "../helpers/pricing-rows";

const SONNET_45 = "anthropic.claude-sonnet-4-5-20250929-v1:0";
const HAIKU_45 = "anthropic.claude-haiku-4-5-20251001-v1:0";
const HAIKU_3 = "anthropic.claude-3-haiku-20240307-v1:0";
const SONNET_4 = "anthropic.claude-sonnet-4-20250514-v1:0";

describe("findPricing", () => {
  it.each(Object.keys(PRICING))("finds the row of the exact id %s", (id) => {
    expect(findPricing(id)).toBe(builtInPricing(id));
  });

  describe("Bedrock geography prefixes", () => {
    it.each(["us.", "eu.", "apac.", "jp.", "au.", "ca.", "us-gov.", "global."])(
      "prices %s on an older model (no regional premium) as the bare id",
      (prefix) => {
        expect(findPricing(`${prefix}${HAIKU_3}`)).toBe(builtInPricing(HAIKU_3));
        expect(findPricing(`${prefix}${SONNET_4}`)).toBe(builtInPricing(SONNET_4));
      },
    );

    it.each(["us.", "eu.", "apac.", "jp.", "au.", "ca.", "us-gov."])(
      "prices Sonnet 4.5 and Haiku 4.5 through the regional %s profile at the +10% rate",
      (prefix) => {
        expect(findPricing(`${prefix}${SONNET_45}`)).toMatchObject({ input: 3.3, output: 16.5 });
        expect(findPricing(`${prefix}${HAIKU_45}`)).toMatchObject({ input: 1.1, output: 5.5 });
      },
    );

    it("prices Sonnet 4.5 and Haiku 4.5 through the global profile at the global rate", () => {
      expect(findPricing(`global.${SONNET_45}`)).toMatchObject({ input: 3, cacheRead: 0.3, cacheWrite: 3.75, output: 15 });
      expect(findPricing(`global.${HAIKU_45}`)).toMatchObject({ input: 1, cacheRead: 0.1, cacheWrite: 1.25, output: 5 });
    });

    it("prices the bare (in-region) id of Sonnet 4.5 at the +10% rate", () => {
      expect(costOf(SONNET_45, { input: 1000, output: 1000, cacheRead: 0, cacheWrite: 0 })).toBeCloseTo(0.0198, 15);
      expect(costOf(`global.${SONNET_45}`, { input: 1000, output: 1000, cacheRead: 0, cacheWrite: 0 })).toBeCloseTo(
        0.018,
        15,
      );
    });

    it("does not strip a prefix that is not a Bedrock geography", () => {
      expect(findPricing(`xx.${HAIKU_3}`)).toBeUndefined();
      expect(findPricing(`US.${HAIKU_3}`)).toBeUndefined();
    });
  });

  describe("Bedrock ARNs", () => {
    it("resolves a regional inference-profile ARN to the regional price", () => {
      const arn = `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${SONNET_45}`;
      expect(findPricing(arn)).toBe(builtInPricing(SONNET_45));
    });

    it("resolves a global inference-profile ARN to the global price", () => {
      const arn = `arn:aws:bedrock:eu-west-1:123456789012:inference-profile/global.${HAIKU_45}`;
      expect(findPricing(arn)).toBe(builtInPricing(`global.${HAIKU_45}`));
    });

    it("resolves foundation-model ARNs, whose account part is empty", () => {
      expect(findPricing(`arn:aws:bedrock:us-west-2::foundation-model/${HAIKU_3}`)).toBe(builtInPricing(HAIKU_3));
      expect(findPricing(`arn:aws:bedrock:us-west-2::foundation-model/${SONNET_45}`)).toBe(builtInPricing(SONNET_45));
    });

    it("resolves ARNs of other partitions and prefixed profiles of older models", () => {
      const arn = `arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:inference-profile/us-gov.${SONNET_4}`;
      expect(findPricing(arn)).toBe(builtInPricing(SONNET_4));
    });

    it("leaves application inference profiles (opaque ids) and unknown models unpriced", () => {
      expect(findPricing("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3")).toBeUndefined();
      expect(findPricing("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.meta.llama9")).toBeUndefined();
    });
  });

  describe("dated OpenAI snapshots", () => {
    it("uses a snapshot's own row when it has one", () => {
      expect(findPricing("gpt-4o-2024-08-06")).toBe(builtInPricing("gpt-4o-2024-08-06"));
      expect(findPricing("gpt-4-turbo-2024-04-09")).toBe(builtInPricing("gpt-4-turbo-2024-04-09"));
    });

    it("prices gpt-4o-2024-05-13 at its own, dearer row rather than the family's", () => {
      expect(findPricing("gpt-4o-2024-05-13")).toMatchObject({ input: 5, output: 15 });
      expect(costOf("gpt-4o-2024-05-13", { input: 1000, output: 1000, cacheRead: 0, cacheWrite: 0 })).toBeCloseTo(0.02, 15);
    });

    it("prices a snapshot without a row as its family", () => {
      expect(findPricing("gpt-4o-mini-2024-07-18")).toBe(builtInPricing("gpt-4o-mini"));
      expect(findPricing("gpt-4o-2026-03-01")).toBe(builtInPricing("gpt-4o"));
      expect(findPricing("text-embedding-3-small-2025-01-01")).toBe(builtInPricing("text-embedding-3-small"));
    });

    it("does not treat other suffixes as dates", () => {
      expect(findPricing("gpt-4o-mini-20240718")).toBeUndefined();
      expect(findPricing("gpt-4o-latest")).toBeUndefined();
    });
  });

  describe("unknown models", () => {
    it.each(["gpt-99", "gpt-99-2024-01-01", "us.anthropic.claude-unknown-v1:0", "openai:gpt-4o", "", "GPT-4O"])(
      "gives undefined for %j",
      (id) => {
        expect(findPricing(id)).toBeUndefined();
      },
    );

    it.each(["constructor", "__proto__", "toString", "hasOwnProperty"])("never returns an inherited property for %s", (id) => {
      expect(findPricing(id)).toBeUndefined();
    });

    it("finds nothing in a table that lacks the built-in rows", () => {
      expect(findPricing("gpt-4o", {})).toBeUndefined();
      expect(findPricing(`us.${SONNET_45}`, {})).toBeUndefined();
    });
  });

  describe("a user table merged over the built-in one", () => {
    const table = mergePricing({
      [SONNET_45]: { input: 9, output: 90 },
      "my-model": { input: 1, output: 2 },
      "us.vendor.special-v1:0": { input: 7, output: 7 },
    });

    it("resolves prefixed ids and ARNs to the user's row, which wins", () => {
      expect(findPricing(`us.${SONNET_45}`, table)).toEqual({ input: 9, output: 90 });
      expect(findPricing(SONNET_45, table)).toEqual({ input: 9, output: 90 });
      expect(findPricing(`arn:aws:bedrock:us-east-1::foundation-model/${SONNET_45}`, table)).toEqual({ input: 9, output: 90 });
    });

    it("keeps the built-in rows the user did not override", () => {
      expect(findPricing(`global.${SONNET_45}`, table)).toBe(builtInPricing(`global.${SONNET_45}`));
      expect(findPricing("gpt-4o-mini-2024-07-18", table)).toBe(builtInPricing("gpt-4o-mini"));
    });

    it("resolves the user's own models, snapshots and exact prefixed rows", () => {
      expect(findPricing("my-model-2026-01-31", table)).toEqual({ input: 1, output: 2 });
      expect(findPricing("us.vendor.special-v1:0", table)).toEqual({ input: 7, output: 7 });
      expect(costOf("my-model", { input: 500_000, output: 250_000, cacheRead: 0, cacheWrite: 0 }, table)).toBeCloseTo(1, 15);
    });
  });

  describe("OpenAI fine-tuned models", () => {
    it.each([
      ["ft:gpt-4o-mini-2024-07-18:acme::9abcXYZ", "ft:gpt-4o-mini-2024-07-18"],
      ["ft:gpt-4o-mini-2024-07-18:acme:support-bot:9abcXYZ", "ft:gpt-4o-mini-2024-07-18"],
      ["ft:gpt-4o-2024-08-06:acme::1", "ft:gpt-4o-2024-08-06"],
      ["ft:gpt-3.5-turbo-0125:acme::1", "ft:gpt-3.5-turbo-0125"],
      ["ft:gpt-4.1-nano-2025-04-14:acme:ckpt-step-100:1", "ft:gpt-4.1-nano-2025-04-14"],
      ["ft:o4-mini-2025-04-16:acme:grader:7", "ft:o4-mini-2025-04-16"],
    ])("prices %s at the fine-tuned rates of its base (%s)", (id, row) => {
      expect(findPricing(id)).toBe(builtInPricing(row));
    });

    it("prices a fine-tuned model of a dated base without its own row as its family's fine-tuned row", () => {
      const table = mergePricing({ "ft:gpt-9": { input: 4, output: 8 } });
      expect(findPricing("ft:gpt-9-2027-01-01:acme::1", table)).toEqual({ input: 4, output: 8 });
    });

    it("never prices a fine-tuned model at its base's standard rates", () => {
      // gpt-4o-2024-11-20 has a standard row but no fine-tuned one.
      expect(findPricing("ft:gpt-4o-2024-11-20:acme::1")).toBeUndefined();
      expect(findPricing("ft:unknown-base:acme::1")).toBeUndefined();
    });
  });

  describe("Bedrock model versions", () => {
    it("prices an id with a version suffix as the row listed without it", () => {
      expect(findPricing("anthropic.claude-opus-4-6-v1:0")).toBe(builtInPricing("anthropic.claude-opus-4-6-v1"));
      expect(findPricing("anthropic.claude-sonnet-5-v1:0")).toBe(builtInPricing("anthropic.claude-sonnet-5"));
      expect(findPricing("mistral.ministral-3-8b-instruct-v1:0")).toBe(builtInPricing("mistral.ministral-3-8b-instruct"));
    });

    it("keeps the global price for a global profile with a version suffix, the regional one for us.", () => {
      expect(findPricing("global.anthropic.claude-opus-4-6-v1:0")).toBe(builtInPricing("global.anthropic.claude-opus-4-6-v1"));
      expect(findPricing("global.anthropic.claude-sonnet-4-6-v1:0")).toBe(builtInPricing("global.anthropic.claude-sonnet-4-6"));
      expect(findPricing("us.anthropic.claude-sonnet-4-6-v1:0")).toBe(builtInPricing("anthropic.claude-sonnet-4-6"));
    });

    it("never prices one Titan embeddings version as another", () => {
      expect(findPricing("amazon.titan-embed-text-v2:0")).toMatchObject({ input: 0.02 });
      expect(findPricing("amazon.titan-embed-text-v1")).toMatchObject({ input: 0.1 });
      expect(findPricing("amazon.titan-embed-text-v3:0")).toBeUndefined();
    });

    it("resolves profiles of the other Bedrock families to their bare rows", () => {
      expect(findPricing("us.meta.llama3-3-70b-instruct-v1:0")).toBe(builtInPricing("meta.llama3-3-70b-instruct-v1:0"));
      expect(findPricing("eu.amazon.nova-pro-v1:0")).toBe(builtInPricing("amazon.nova-pro-v1:0"));
      expect(findPricing("us.amazon.nova-2-lite-v1:0")).toBe(builtInPricing("amazon.nova-2-lite-v1:0"));
      expect(findPricing("global.amazon.nova-2-lite-v1:0")).toBe(builtInPricing("global.amazon.nova-2-lite-v1:0"));
      expect(findPricing("arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.deepseek.r1-v1:0")).toBe(builtInPricing("deepseek.r1-v1:0"));
    });
  });
});
