import { idInsideArn, withoutGeography } from "../../model-ids";

/**
 * The bare foundation-model id behind a Bedrock model id, which is all CountTokens accepts:
 * `us.anthropic.x` → `anthropic.x`, an inference-profile or foundation-model ARN → the id inside it,
 * without its geography prefix. Other ids (e.g. application-inference-profile ARNs, which name no
 * model) are returned unchanged, for Bedrock to accept or refuse.
 */
export function foundationModelId(model: string): string {
  const id = idInsideArn(model) ?? model;
  return withoutGeography(id) ?? id;
}
