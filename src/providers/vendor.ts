import type { BaseMessage } from "@langchain/core/messages";
import type { EncodingName } from "../tokens/encodings";

/** How a vendor's text is counted locally (for reservations, stream deltas and usage a provider did not report). */
export interface LocalTokenCounts {
  /** Tokens a prompt bills, message framing included. */
  prompt(model: string, messages: readonly BaseMessage[]): number;
  /** Tokens of a piece of generated text. */
  text(model: string, text: string): number;
  /** False where the counts are an approximation (Claude's tokenizer is not public). */
  exact: boolean;
  /** A budget reservation counts a prompt this many times over, so that it bounds the bill (1 where counts are exact). */
  reservationMargin: number;
  /** The encoding the counts build on, for `warmUpTokenizers`. */
  encoding(model: string): EncodingName;
}

/**
 * Local counts that are an approximation (Claude's, within 10% of Anthropic's tokenizer over the
 * test corpus, ±20% on short CJK passages; a vendor the package does not know) are counted 25% high
 * in a budget reservation, so that it bounds the bill rather than guesses it.
 */
export const APPROXIMATE_COUNT_MARGIN = 1.25;

/** The names of the input and output counts in the usage block the vendor's API returns. */
export interface WireUsageNames {
  input: string;
  output: string;
}

/**
 * Everything the package asks of a vendor outside the code that builds its providers: which model
 * ids and LangChain `ls_provider` values are its, how its text is counted, how its usage is read,
 * how its errors tell whether a retry may help and where its prices come from. Light on purpose:
 * it loads no SDK, so the shared core (tracking, tokens, pricing) reads it from every entry point.
 * What builds a vendor's providers is its `VendorKit` (src/factory/vendor-kit.ts).
 */
export interface VendorDescriptor<Name extends string = string> {
  /** The name its results and errors carry (`LLMCallResult.provider`); `<name>:` before a model id forces it. */
  readonly name: Name;
  /** How messages name it ("Azure OpenAI"). */
  readonly label: string;
  /** The `ls_provider` values LangChain's chat models of this vendor report. */
  readonly lsProviders: readonly string[];
  /** Whether an unprefixed model id is this vendor's (Bedrock's `anthropic.…`); absent: only ids with its prefix are. */
  readonly ownsModelId?: (model: string) => boolean;
  /** Its OpenTelemetry `gen_ai.provider.name`. */
  readonly telemetryName: string;
  readonly tokens: LocalTokenCounts;
  /** Its usage block's count names, checked before LangChain's `usage_metadata` (which turns a missing count into 0) is trusted. */
  readonly usage?: WireUsageNames;
  /** How its SDK's errors say a retry may help, besides the HTTP status. */
  readonly errors: {
    /** Error names that are retryable whatever the status (AWS's `ThrottlingException`). */
    readonly retryableNames?: readonly string[];
    /** `error.code` values that make a retryable status final (OpenAI's `insufficient_quota` 429). */
    readonly finalCodes?: readonly string[];
  };
  /** Where its prices come from after the tables: its provider id in `@pydantic/genai-prices`. */
  readonly prices: { readonly genaiPricesProvider?: string };
}
