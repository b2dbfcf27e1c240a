import { ATTR_ERROR_TYPE } from "@opentelemetry/semantic-conventions";
import * as incubating from "@opentelemetry/semantic-conventions/incubating";
import { VENDORS } from "../../src/providers/vendors";
import { ATTR, METRIC, OPERATION } from "../../src/telemetry/telemetry-names";

describe("the telemetry names are the released OpenTelemetry GenAI names (@opentelemetry/semantic-conventions 1.45, incubating)", () => {
  it("every gen_ai.* attribute name the package uses", () => {
    expect([
      ATTR.operationName,
      ATTR.providerName,
      ATTR.requestModel,
      ATTR.requestMaxTokens,
      ATTR.requestTemperature,
      ATTR.responseModel,
      ATTR.responseFinishReasons,
      ATTR.conversationId,
      ATTR.inputTokens,
      ATTR.outputTokens,
      ATTR.cacheReadInputTokens,
      ATTR.cacheCreationInputTokens,
      ATTR.reasoningOutputTokens,
      ATTR.tokenType,
      ATTR.inputMessages,
      ATTR.outputMessages,
      ATTR.errorType,
    ]).toEqual([
      incubating.ATTR_GEN_AI_OPERATION_NAME,
      incubating.ATTR_GEN_AI_PROVIDER_NAME,
      incubating.ATTR_GEN_AI_REQUEST_MODEL,
      incubating.ATTR_GEN_AI_REQUEST_MAX_TOKENS,
      incubating.ATTR_GEN_AI_REQUEST_TEMPERATURE,
      incubating.ATTR_GEN_AI_RESPONSE_MODEL,
      incubating.ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
      incubating.ATTR_GEN_AI_CONVERSATION_ID,
      incubating.ATTR_GEN_AI_USAGE_INPUT_TOKENS,
      incubating.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
      incubating.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
      incubating.ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
      incubating.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
      incubating.ATTR_GEN_AI_TOKEN_TYPE,
      incubating.ATTR_GEN_AI_INPUT_MESSAGES,
      incubating.ATTR_GEN_AI_OUTPUT_MESSAGES,
      ATTR_ERROR_TYPE,
    ]);
  });

  it("the operation and provider values, and the two GenAI client metrics", () => {
    expect(OPERATION).toEqual({ chat: incubating.GEN_AI_OPERATION_NAME_VALUE_CHAT, embeddings: incubating.GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS });
    expect(Object.fromEntries(VENDORS.map((vendor) => [vendor.name, vendor.telemetryName]))).toEqual({
      openai: incubating.GEN_AI_PROVIDER_NAME_VALUE_OPENAI,
      bedrock: incubating.GEN_AI_PROVIDER_NAME_VALUE_AWS_BEDROCK,
      azure: incubating.GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI,
    });
    expect([METRIC.tokenUsage.name, METRIC.operationDuration.name]).toEqual([incubating.METRIC_GEN_AI_CLIENT_TOKEN_USAGE, incubating.METRIC_GEN_AI_CLIENT_OPERATION_DURATION]);
  });

  it("what the conventions do not name is in the package's own orchestratai.* namespace (or the cost proposal's gen_ai.usage.cost.*)", () => {
    const released = new Set<unknown>(Object.values(incubating));
    const own = Object.values(ATTR).filter((name) => !released.has(name) && name !== ATTR_ERROR_TYPE);
    expect(own.every((name) => name.startsWith("orchestratai.") || name.startsWith("gen_ai.usage.cost."))).toBe(true);
    expect(own.filter((name) => name.startsWith("gen_ai.")).sort()).toEqual(["gen_ai.usage.cost.amount", "gen_ai.usage.cost.currency", "gen_ai.usage.cost.source"]);
  });
});
