import { idInsideArn, isBedrockModelId, withoutGeography } from "../src/model-ids";

describe("model ids", () => {
  it.each([
    "anthropic.claude-3-haiku-20240307-v1:0",
    "us.anthropic.claude-3-5-sonnet-20241022-v2:0",
    "eu.anthropic.claude-3-5-sonnet-20241022-v2:0",
    "apac.anthropic.claude-3-5-sonnet-20241022-v2:0",
    "jp.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "au.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "ca.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "us-gov.anthropic.claude-3-haiku-20240307-v1:0",
    "global.anthropic.claude-haiku-4-5-20251001-v1:0",
    "meta.llama3-70b-instruct-v1:0",
    "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20241022-v2:0",
    "arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
  ])("%s is a Bedrock id", (id) => {
    expect(isBedrockModelId(id)).toBe(true);
  });

  it.each(["gpt-4o", "gpt-4-turbo", "o3-mini", "text-embedding-3-large", "ft:gpt-4o-mini:org::abc", "arn:aws:s3:::bucket/anthropic.x", "xx.gpt-4o"])(
    "%s is not a Bedrock id",
    (id) => {
      expect(isBedrockModelId(id)).toBe(false);
    },
  );

  it("takes ids out of ARNs and geography prefixes", () => {
    expect(idInsideArn("arn:aws:bedrock:eu-west-1:1:inference-profile/eu.anthropic.x-v1:0")).toBe("eu.anthropic.x-v1:0");
    expect(idInsideArn("anthropic.x")).toBeUndefined();
    expect(withoutGeography("apac.anthropic.x")).toBe("anthropic.x");
    expect(withoutGeography("anthropic.x")).toBeUndefined();
  });
});
