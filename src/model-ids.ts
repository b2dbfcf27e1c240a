/** `arn:aws:bedrock:<region>:<account>:inference-profile/<id>` or `…::foundation-model/<id>`. */
const BEDROCK_ARN = /^arn:aws[a-z-]*:bedrock:[a-z0-9-]*:\d*:(?:inference-profile|foundation-model)\/(.+)$/;
/** A Bedrock cross-region inference profile: `<geography>.<foundation-model id>`. */
const GEOGRAPHY_PREFIX = /^(?:us|eu|apac|jp|au|ca|us-gov|global)\.(.+)$/;
/** Vendors whose models Bedrock serves under `<vendor>.<model>` ids. */
const BEDROCK_VENDOR = /^(?:anthropic|amazon|meta|mistral|cohere|ai21|deepseek|qwen|writer|openai|twelvelabs)\./;

/** The model id inside a Bedrock inference-profile or foundation-model ARN, if `model` is one. */
export function idInsideArn(model: string): string | undefined {
  return BEDROCK_ARN.exec(model)?.[1];
}

/** A Bedrock geography profile id (`us.`, `eu.`, `apac.`, `jp.`, `au.`, `ca.`, `us-gov.`, `global.`) without its prefix. */
export function withoutGeography(model: string): string | undefined {
  return GEOGRAPHY_PREFIX.exec(model)?.[1];
}

/**
 * Whether a model id names a Bedrock model (a foundation-model id, a cross-region inference
 * profile or an ARN) rather than an OpenAI one.
 */
export function isBedrockModelId(model: string): boolean {
  if (model.startsWith("arn:aws")) return /^arn:aws[a-z-]*:bedrock:/.test(model);
  return BEDROCK_VENDOR.test(withoutGeography(model) ?? model);
}

/**
 * Whether a model id is priced by Bedrock's rules (versions, geography profiles, ARNs): a Bedrock
 * model id, or any id behind a Bedrock geography prefix (a vendor this package does not route by name).
 */
export function pricedAsBedrock(model: string): boolean {
  return isBedrockModelId(model) || withoutGeography(model) !== undefined;
}
