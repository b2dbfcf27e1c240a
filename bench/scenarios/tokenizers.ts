import { countTokens as gptTokenizerCount } from "gpt-tokenizer/encoding/o200k_base";
import { Tiktoken } from "js-tiktoken/lite";
import cl100kRanks from "js-tiktoken/ranks/cl100k_base";
import o200kRanks from "js-tiktoken/ranks/o200k_base";
import { get_encoding } from "tiktoken";
import { BedrockProvider } from "../../src/providers/bedrock/bedrock-provider";
import { OpenAIProvider } from "../../src/providers/openai/openai-provider";
import type { ChatMessage } from "../../src/types";
import { measureInterleaved, type InterleaveOptions } from "../interleave";
import { comparison, type BenchRow } from "../report";
import { BEDROCK_MODEL, OPENAI_MODEL, PROMPT } from "./clients";

const WITHIN_10_PERCENT = { max: 1.1, label: "≤ 1.1×" };
const WITHIN_20_PERCENT = { max: 1.2, label: "≤ 1.2× (issue 18)" };
/** Special-token text counted as plain text, as the package (and the API) count user content. */
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };
/** OpenAI chat framing: 3 tokens per message, 3 to prime the reply (as the package and the API count). */
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;

const CODE = "export function add(a: number, b: number): number {\n  // the sum, checked\n  if (!Number.isFinite(a + b)) throw new RangeError(`bad ${a} + ${b}`);\n  return a + b;\n}\n";
const JSON_TEXT = JSON.stringify({ order: 4521, items: [{ sku: "A-77", qty: 2, price: 19.99 }, { sku: "B-12", qty: 1, price: 5.5 }], ship: { to: "Lyon", express: true } });
const ENGLISH = "The quarterly report shows revenue up 12% year over year, driven by the new subscription tier; churn fell to 3.1%. ";

/** The contents counted: a short prompt, a long mixed conversation, CJK text. */
const CORPUS: Record<string, ChatMessage[]> = {
  "short prompt (2 messages)": PROMPT,
  "conversation (10 messages: English, code, JSON)": Array.from({ length: 10 }, (_, index) => ({
    role: index === 0 ? "system" : index % 2 === 1 ? "user" : "assistant",
    content: [ENGLISH.repeat(2), CODE, JSON_TEXT][index % 3]!,
  })),
  "CJK text (1 message)": [{ role: "user", content: "人工智能正在改变世界。東京は日本の首都です。서울은 한국의 수도입니다。".repeat(20) }],
};

/** A chat prompt's tokens with any encoder: the same framing the package applies. */
function framed(messages: readonly ChatMessage[], tokens: (text: string) => number): number {
  let total = REPLY_PRIMING;
  for (const message of messages) total += PER_MESSAGE + tokens(message.role) + tokens(message.content);
  return total;
}

/** The three tokenizer libraries, each through its own plain-text count. */
const REFERENCES = { jsTiktoken: "js-tiktoken", wasm: "tiktoken (WASM)", gptTokenizer: "gpt-tokenizer" } as const;
type Reference = keyof typeof REFERENCES;

/**
 * countTokens against the fastest of js-tiktoken, tiktoken (WASM) and gpt-tokenizer on each corpus,
 * each library counting the same contents with the same framing through its plain-text API
 * (`encode(text, [], [])`, `encode_ordinary`, `countTokens`). Every encoder is built before timing
 * (the first count of a process is measured in fresh processes: see first-count.ts).
 */
export async function benchTokenizers(options: InterleaveOptions): Promise<BenchRow[]> {
  const openai = new OpenAIProvider({ model: OPENAI_MODEL, apiKey: "sk-bench", baseURL: "http://127.0.0.1:9/v1" });
  const bedrock = new BedrockProvider({ model: BEDROCK_MODEL, region: "us-east-1", endpoint: "http://127.0.0.1:9", credentials: { accessKeyId: "a", secretAccessKey: "b" } });
  const o200k = new Tiktoken(o200kRanks);
  const cl100k = new Tiktoken(cl100kRanks);
  const wasm = get_encoding("o200k_base");
  const references: Record<Reference, (text: string) => number> = {
    jsTiktoken: (text) => o200k.encode(text, [], []).length,
    wasm: (text) => wasm.encode_ordinary(text).length,
    gptTokenizer: (text) => gptTokenizerCount(text, AS_PLAIN_TEXT),
  };
  const rows: BenchRow[] = [];
  try {
    for (const [name, messages] of Object.entries(CORPUS)) {
      const counts = {
        package: openai.countTokens({ messages }).input,
        ...Object.fromEntries(Object.entries(references).map(([library, tokens]) => [library, framed(messages, tokens)])),
      };
      if (new Set(Object.values(counts)).size !== 1) throw new Error(`the tokenizers disagree on ${name}: ${JSON.stringify(counts)}`);
      const latency = await measureInterleaved(
        {
          package: () => void openai.countTokens({ messages }),
          ...Object.fromEntries(Object.entries(references).map(([library, tokens]) => [library, () => void framed(messages, tokens)])),
          bedrock: () => void bedrock.countTokens({ messages }),
          jsTiktokenCl100k: () => void framed(messages, (text) => cl100k.encode(text).length),
        },
        options,
      );
      const fastest = (Object.keys(REFERENCES) as Reference[]).reduce((best, library) => (latency[library]!.p50 < latency[best]!.p50 ? library : best));
      const baselineName = `fastest library, same contents: ${REFERENCES[fastest]}`;
      rows.push(
        comparison("countTokens", `OpenAIProvider.countTokens: ${name}`, latency.package!, baselineName, latency[fastest]!, WITHIN_20_PERCENT, `${counts.package} tokens, o200k_base; all four counts equal`),
        ...(Object.keys(REFERENCES) as Reference[]).map((library) =>
          comparison("countTokens", `  reference: ${REFERENCES[library]}: ${name}`, latency[library]!, baselineName, latency[fastest]!),
        ),
        comparison(
          "countTokens",
          `BedrockProvider.countTokens (approx.): ${name}`,
          latency.bedrock!,
          "js-tiktoken cl100k encode, same contents",
          latency.jsTiktokenCl100k!,
          WITHIN_10_PERCENT,
          "counts cl100k pieces through a cache; repeated text (as here) mostly hits it",
        ),
      );
    }
  } finally {
    wasm.free();
  }
  return rows;
}
