/** Vendors whose models Bedrock serves under `<vendor>.<model>` ids. */
const BEDROCK_VENDOR = "(anthropic|amazon|meta|mistral|cohere|ai21|deepseek|qwen|writer|openai|twelvelabs)";

/** Bedrock model ids: `anthropic.…`, geography profiles such as `us.anthropic.…` / `global.…`, and ARNs. */
const BEDROCK_MODEL_ID = new RegExp(`^(arn:aws[a-z-]*:bedrock:|([a-z]{2}(-[a-z]+)?\\.|global\\.)?${BEDROCK_VENDOR}\\.)`);

/**
 * Whether a model id names a Bedrock model (a foundation-model id, a cross-region inference
 * profile or an ARN) rather than an OpenAI one.
 */
export function isBedrockModelId(model: string): boolean {
  return BEDROCK_MODEL_ID.test(model);
}
