import { encodingForModel } from "../../tokens/encodings";
import { openAIPromptTokens, openAITextTokens } from "../../tokens/openai-tokens";
import type { LocalTokenCounts, VendorDescriptor } from "../vendor";

/** OpenAI's chat framing over the model's own encoding: exact for text messages. */
export const OPENAI_TOKEN_COUNTS: LocalTokenCounts = {
  prompt: openAIPromptTokens,
  text: openAITextTokens,
  exact: true,
  reservationMargin: 1,
  encoding: encodingForModel,
};

/** OpenAI: Chat Completions and embeddings on api.openai.com (or `OPENAI_BASE_URL`), the vendor of every unprefixed id no other vendor owns. */
export const OPENAI_VENDOR: VendorDescriptor<"openai"> = {
  name: "openai",
  label: "OpenAI",
  lsProviders: ["openai"],
  telemetryName: "openai",
  tokens: OPENAI_TOKEN_COUNTS,
  usage: { input: "prompt_tokens", output: "completion_tokens" },
  // A 429 for an exhausted quota is final: waiting does not refill it.
  errors: { finalCodes: ["insufficient_quota"] },
  prices: { genaiPricesProvider: "openai" },
};
