import type { BedrockProvider } from "../../../src/providers/bedrock/bedrock-provider";
import { claudeTokens } from "../../../src/testing";
import { useBedrockStandIn } from "../../helpers/stand-ins";
import { providerFor } from "./bedrock-rig";
import { CLAUDE_CORPUS, LONG_MESSAGE, MULTI_MESSAGE_PROMPT, SHORT_CJK } from "./claude-corpus";

const server = useBedrockStandIn();
let provider: BedrockProvider;
beforeAll(() => {
  provider = providerFor(server.url);
});

/** The local approximation of a text, as the provider reports it for a completion. */
function approximate(text: string): number {
  return provider.countTokens({ messages: [{ role: "user", content: "x" }], completion: text }).output;
}

function relativeError(approximation: number, reference: number): number {
  return Math.abs(approximation - reference) / reference;
}

describe("the local Claude approximation (countTokens, exact: false)", () => {
  it.each(Object.entries({ ...CLAUDE_CORPUS, longMessage: LONG_MESSAGE }))(
    "%s: within 10%% of the stand-in's Claude tokenizer",
    (_, text) => {
      const reference = claudeTokens(text);
      expect(reference).toBeGreaterThan(0);
      expect(relativeError(approximate(text), reference)).toBeLessThanOrEqual(0.1);
    },
  );

  it.each(Object.entries(SHORT_CJK))("%s (short CJK): within 20%%", (_, text) => {
    expect(relativeError(approximate(text), claudeTokens(text))).toBeLessThanOrEqual(0.2);
  });

  it("a multi-message prompt, framing included: within 10% of what Bedrock (the stand-in) counts, and says it is inexact", async () => {
    const local = provider.countTokens({ messages: MULTI_MESSAGE_PROMPT });
    const exact = await provider.countTokensExact({ messages: MULTI_MESSAGE_PROMPT });
    expect(local.exact).toBe(false);
    expect(local.output).toBe(0);
    expect(relativeError(local.input, exact)).toBeLessThanOrEqual(0.1);
  });

  it("a long single message, framing included: within 10% of what a Converse call bills", async () => {
    server.reply({ text: "Read." });
    const billed = (await provider.complete({ messages: [{ role: "user", content: LONG_MESSAGE }] })).tokensInput;
    expect(relativeError(provider.countTokens({ messages: [{ role: "user", content: LONG_MESSAGE }] }).input, billed)).toBeLessThanOrEqual(0.1);
  });

  it("counts nothing for empty text and no trailing space (it belongs to the next word in running text)", () => {
    expect(approximate("")).toBe(0);
    expect(approximate(" ")).toBe(0);
    expect(approximate("Hello ")).toBe(approximate("Hello"));
    expect(approximate("Hello\n")).toBe(approximate("Hello") + 1);
  });

  it("is fast enough to run per stream chunk, and word-sized deltas add up to within 10% of the whole", () => {
    approximate("warm up the encoder");
    const deltas = LONG_MESSAGE.split(/(?<=\s)(?=\S)/);
    const started = performance.now();
    let total = 0;
    for (let round = 0; round < 4; round++) for (const delta of deltas) total += approximate(delta);
    const elapsed = performance.now() - started;
    expect(deltas.length * 4).toBeGreaterThan(10_000);
    expect(elapsed).toBeLessThan(1_000);
    expect(relativeError(total / 4, claudeTokens(LONG_MESSAGE))).toBeLessThanOrEqual(0.1);
  });

  it("gives the same counts after its cache of pieces has filled up and been cleared", () => {
    const before = approximate(CLAUDE_CORPUS.english ?? "");
    const letters = (index: number): string => (index < 26 ? "" : letters(Math.floor(index / 26) - 1)) + String.fromCharCode(97 + (index % 26));
    const words = Array.from({ length: 52_000 }, (_, index) => letters(index));
    expect(new Set(words).size).toBe(52_000);
    expect(approximate(words.join(" "))).toBeGreaterThanOrEqual(52_000);
    expect(approximate(CLAUDE_CORPUS.english ?? "")).toBe(before);
  });
});
