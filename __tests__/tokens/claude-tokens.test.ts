import { AIMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import { claudePromptTokens, claudeTextTokens } from "../../src/tokens/claude-tokens";
import { encodedLength } from "../../src/tokens/encodings";

// Exact counts of the approximation's documented rules (src/tokens/claude-tokens.ts). Most texts put
// the piece under test between the words "a" and "b" (1.04 each), and the pieces' counts are summed
// and rounded once at the end, so each number below is one a changed rule or factor would change.
const cl100k = (text: string): number => encodedLength("cl100k_base", text);
const counts = (texts: readonly string[]): number[] => texts.map(claudeTextTokens);

describe("claudeTextTokens: words and punctuation", () => {
  it("counts nothing for an empty text", () => {
    expect(claudeTextTokens("")).toBe(0);
  });

  it("counts an ASCII word as its cl100k tokens × 1.04, rounded over the whole text", () => {
    const twentyWords = "the cat sat on the mat and the dog ran to the park with a red ball in its mouth";
    expect(cl100k(twentyWords)).toBe(20);
    expect(claudeTextTokens("Hello")).toBe(1);
    expect(claudeTextTokens("Hello world")).toBe(2); // 2.08
    expect(claudeTextTokens(twentyWords)).toBe(21); // 20.8, not 20 (× 1), 23 (× 1.14) or 19 (÷ 1.04)
  });

  it("counts ASCII punctuation at its cl100k tokens, without the word factor", () => {
    const twentyDots = "." + " .".repeat(19);
    expect(cl100k(twentyDots)).toBe(20);
    expect(claudeTextTokens(twentyDots)).toBe(20);
    // one piece, one cl100k token: a punctuation run is not cut into characters
    expect(counts(["!!!", "..."])).toEqual([1, 1]);
  });

  it("counts digits as one token per 3, a leading space included in the piece", () => {
    expect(counts(["123", "123456", "1234567"])).toEqual([1, 2, 3]);
    expect(cl100k(" 123")).toBe(2);
    expect(claudeTextTokens(" 123")).toBe(1);
    // Arabic-Indic digits: six cl100k tokens per three, still one token per 3 digits here
    expect(cl100k("١٢٣٤٥٦")).toBe(12);
    expect(claudeTextTokens("١٢٣٤٥٦")).toBe(2);
    expect(claudeTextTokens("x ١٢٣٤٥٦")).toBe(3); // 1.04 + 2
  });
});

describe("claudeTextTokens: scripts", () => {
  it("counts Hiragana and Katakana at factor 1, also where the piece has Han in it (the first match wins)", () => {
    expect([cl100k("ひらがな"), cl100k("カタカナ"), cl100k("東京都の天気は晴れです")]).toEqual([5, 4, 12]);
    expect(counts(["ひらがな", "カタカナ", "東京都の天気は晴れです"])).toEqual([5, 4, 12]);
  });

  it("counts Han text at factor 0.92", () => {
    const han = "東京特許許可局長今日急遽休暇許可拒否";
    expect(cl100k(han)).toBe(28);
    expect(claudeTextTokens(han)).toBe(26); // 25.76
  });

  it("counts Hangul at factor 1.17", () => {
    expect([cl100k("서울"), cl100k("서울특별시청")]).toEqual([3, 10]);
    expect(counts(["서울", "서울특별시청"])).toEqual([4, 12]); // 3.51, 11.7
  });

  it("counts other letters (Cyrillic) at factor 1.14", () => {
    expect(cl100k("Здравствуйте друзья")).toBe(10);
    expect(claudeTextTokens("Здравствуйте друзья")).toBe(11); // 11.4
  });

  it("counts a non-ASCII piece without letters (emoji) at factor 1", () => {
    expect(cl100k("🎉🚀🎈🎁")).toBe(12);
    expect(claudeTextTokens("🎉🚀🎈🎁")).toBe(12);
  });

  it("counts the NFKC form: full-width letters as ASCII, half-width Katakana as Katakana", () => {
    expect(cl100k("Ｈｅｌｌｏ")).toBe(10);
    expect(claudeTextTokens("Ｈｅｌｌｏ")).toBe(1);
    expect(claudeTextTokens("ｱｲｳｴｵ")).toBe(claudeTextTokens("アイウエオ"));
    expect(claudeTextTokens("ｱｲｳｴｵ")).toBe(5);
  });
});

describe("claudeTextTokens: whitespace", () => {
  it("counts a run of spaces as one token per 64 started, the space before a word going with the word", () => {
    const between = (run: string): number => claudeTextTokens("a" + run + "b");
    // "a", the run less its last space, " b": 1.04 + n + 1.04
    expect([3, 10, 65, 66, 130].map((n) => between(" ".repeat(n)))).toEqual([3, 3, 3, 4, 5]);
  });

  it("counts a run of tabs as one token per 8 started", () => {
    expect(counts(["a" + "\t".repeat(8), "a" + "\t".repeat(9), "a" + "\t".repeat(17)])).toEqual([2, 3, 4]);
    // a tab before a word is a piece of its own: "a", "\t", "\t", "b"
    expect(claudeTextTokens("a\t\tb")).toBe(4);
  });

  it("counts line breaks without indentation as one token per 16 started", () => {
    expect(counts(["a\nb", "a\n", "a\n\n\n", "a" + "\n".repeat(16), "a" + "\n".repeat(17)])).toEqual([3, 2, 2, 2, 3]);
    // \r is a line break too: 34 of them are 3 tokens
    expect(counts(["a\r\n", "a" + "\r\n".repeat(17)])).toEqual([2, 4]);
  });

  it("counts a line break with its indentation as one token, blank lines before it as one more", () => {
    expect(cl100k("\n ")).toBe(2);
    expect(claudeTextTokens("a\n  b")).toBe(3); // "a", "\n ", " b"
    expect(claudeTextTokens("a\n\n  b")).toBe(4); // "a", "\n\n ", " b"
    expect(claudeTextTokens("a\n\n\t\tb")).toBe(5); // "a", "\n\n\t", "\t", "b"
  });

  it("adds a token per 64 spaces or 8 tabs of indentation", () => {
    expect(claudeTextTokens("a\n" + " ".repeat(65) + "b")).toBe(4); // "\n" + 64 spaces: 2
    expect(claudeTextTokens("a\n" + "\t".repeat(9) + "b")).toBe(5); // "\n" + 8 tabs: 2, then "\t": 1
  });

  it("does not count one space at the very end, so stream deltas add up to the whole text", () => {
    expect(claudeTextTokens("Hello ")).toBe(1);
    expect(claudeTextTokens("Hello ") + claudeTextTokens("world")).toBe(claudeTextTokens("Hello world"));
    expect(counts(["a" + " ".repeat(64), "a" + " ".repeat(65)])).toEqual([2, 2]);
    // a line break last is counted; so is a space before it
    expect(counts(["a\n", "a \n"])).toEqual([2, 3]);
  });
});

describe("claudeTextTokens: remembered counts", () => {
  it("counts a text the same after its pieces and the text itself were remembered", () => {
    const sentence = "the cat sat on the mat and the dog ran to the park with a red ball in its mouth";
    const first = counts([sentence, "Hello world", "서울"]);
    expect(counts([sentence, "Hello world", "서울"])).toEqual(first);
    expect(first).toEqual([21, 2, 4]);
  });
});

describe("claudePromptTokens", () => {
  it("adds 3 framing tokens per conversation message and none for the system text", () => {
    expect(claudePromptTokens([])).toBe(0);
    expect(claudePromptTokens([new SystemMessage("Hello")])).toBe(1);
    expect(claudePromptTokens([new HumanMessage("Hello")])).toBe(4);
    expect(claudePromptTokens([new SystemMessage("Hello"), new HumanMessage("Hello"), new AIMessage("Hello world")])).toBe(1 + 4 + 5);
  });
});
