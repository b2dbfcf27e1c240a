/** `arn:aws:bedrock:<region>:<account>:inference-profile/<id>` or `…::foundation-model/<id>`. */
const MODEL_ARN = /^arn:aws[a-z-]*:bedrock:[a-z0-9-]*:\d*:(?:inference-profile|foundation-model)\/(.+)$/;
/** A cross-region inference profile: `<geography>.<foundation-model id>`. */
const GEOGRAPHY_PREFIX = /^(?:us|eu|apac|jp|au|ca|us-gov|global)\.(.+)$/;

/**
 * The bare foundation-model id behind a Bedrock model id, which is all CountTokens accepts:
 * `us.anthropic.x` → `anthropic.x`, an inference-profile or foundation-model ARN → the id inside it,
 * without its geography prefix. Other ids (e.g. application-inference-profile ARNs, which name no
 * model) are returned unchanged, for Bedrock to accept or refuse.
 */
export function foundationModelId(model: string): string {
  const id = MODEL_ARN.exec(model)?.[1] ?? model;
  return GEOGRAPHY_PREFIX.exec(id)?.[1] ?? id;
}
