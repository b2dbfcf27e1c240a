import { isBedrockModelId } from "../../model-ids";
import { claudePromptTokens, claudeTextTokens } from "../../tokens/claude-tokens";
import { APPROXIMATE_COUNT_MARGIN, type VendorDescriptor } from "../vendor";

/** AWS Bedrock: Converse and ConverseStream, model ids `anthropic.…`, geography profiles (`us.anthropic.…`) and ARNs. */
export const BEDROCK_VENDOR: VendorDescriptor<"bedrock"> = {
  name: "bedrock",
  label: "AWS Bedrock",
  // @langchain/aws's ChatBedrockConverse, and the older ChatBedrock of @langchain/community.
  lsProviders: ["amazon_bedrock", "bedrock"],
  ownsModelId: isBedrockModelId,
  telemetryName: "aws.bedrock",
  tokens: {
    prompt: (_model, messages) => claudePromptTokens(messages),
    text: (_model, text) => claudeTextTokens(text),
    exact: false,
    reservationMargin: APPROXIMATE_COUNT_MARGIN,
    // Claude's approximation counts cl100k_base pieces.
    encoding: () => "cl100k_base",
  },
  usage: { input: "inputTokens", output: "outputTokens" },
  errors: {
    retryableNames: ["ThrottlingException", "ServiceUnavailableException", "InternalServerException", "ModelNotReadyException", "ServiceQuotaExceededException"],
  },
  prices: { genaiPricesProvider: "aws" },
};
