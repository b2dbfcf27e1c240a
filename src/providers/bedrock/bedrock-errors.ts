import { LLMError, ProviderError } from "../../errors";
import { toProviderError, type FailedCall } from "../provider-error";
import { statusOf } from "../retry";

/** Bedrock's answer when CountTokens does not serve a model ("The provided model doesn't support counting tokens."). */
const CANNOT_COUNT = /(doesn't|does not|do not|not) support(s|ed)? (counting|count) tokens|token counting is not supported/i;

/**
 * Bedrock's CountTokens refused the model: it counts only some foundation models (and never
 * inference profiles, which the provider maps to their bare id first). Bedrock decides, with a
 * ValidationException kept as `cause`; a local estimate is still available from `countTokens()`.
 */
export class CountTokensUnsupportedError extends ProviderError {
  /** The bare foundation-model id CountTokens was asked about. */
  readonly countModelId: string;

  constructor(model: string, countModelId: string, cause: Error) {
    super(
      `Bedrock cannot count tokens for ${model}` +
        (countModelId === model ? "" : ` (asked CountTokens for its foundation model ${countModelId})`) +
        `: ${cause.message} CountTokens serves only some foundation models; use countTokens() for a local ` +
        `approximation (exact: false).`,
      { provider: "bedrock", model, reason: "http", status: statusOf(cause), retryable: false, cause },
    );
    this.countModelId = countModelId;
  }
}

/**
 * Turns a failed CountTokens request into this package's error: a ValidationException saying the
 * model cannot be counted becomes {@link CountTokensUnsupportedError}; anything else goes through
 * the shared `toProviderError`.
 */
export function countTokensError(error: unknown, call: FailedCall & { countModelId: string }): LLMError {
  if (error instanceof Error && error.name === "ValidationException" && CANNOT_COUNT.test(error.message)) {
    return new CountTokensUnsupportedError(call.model, call.countModelId, error);
  }
  return toProviderError(error, call);
}
