/** OpenAI's price list (standard, flex and priority rates; fine-tuning rates). */
export const OPENAI = "https://platform.openai.com/docs/pricing";
/** Amazon Bedrock's price list (on-demand, US East; global and regional endpoints). */
export const BEDROCK = "https://aws.amazon.com/bedrock/pricing/";
/**
 * The day these rows were last compared with their source as mirrored in public price data:
 * `@pydantic/genai-prices` 0.1.8 (bundled data) and LiteLLM's `model_prices_and_context_window.json`.
 */
export const CHECKED = "2026-12-01";
