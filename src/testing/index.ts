/**
 * `@orchestratai/llm/testing`: local stand-ins of the OpenAI and Bedrock Runtime APIs for tests and
 * offline runs, plus the token counting they bill with (independent of the package's own counting).
 */
export { startOpenAIStandIn } from "./openai-stand-in";
export { startBedrockStandIn } from "./bedrock-stand-in";
export { startStandIns, type StandIns, type StandInsOptions } from "./start-stand-ins";
export type {
  RecordedRequest,
  ScriptedCacheDetail,
  ScriptedError,
  ScriptedReply,
  ScriptedStreamException,
  ScriptedToolCall,
  ScriptedUsage,
  StandIn,
  StandInOptions,
} from "./stand-in-types";
export {
  embeddingTokenCounts,
  openAICompletionTokens,
  openAIEncodingName,
  openAIPromptTokens,
  openAITextTokens,
  OPENAI_REPLY_PRIMING_TOKENS,
  OPENAI_TOKENS_PER_MESSAGE,
  type AnsweredToolCall,
  type OpenAIEncodingName,
} from "./openai-usage-counts";
export {
  claudeTokens,
  converseInputTokens,
  converseOutputTokens,
  CLAUDE_TOKENS_PER_MESSAGE,
  type ConverseInput,
} from "./claude-usage-counts";
export { DEFAULT_COUNT_TOKENS_MODELS } from "./bedrock-count-tokens";
export { answeredModel } from "./openai-chat-request";
export { defaultReplyText } from "./scripted-replies";
export { fakeEmbedding } from "./fake-embeddings";
export { sampleFromSchema } from "./json-schema-sample";
export { standInLogprob } from "./openai-logprobs";
