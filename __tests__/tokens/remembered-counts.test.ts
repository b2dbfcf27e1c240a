import { rememberCounts, rememberShortTextCounts } from "../../src/tokens/remembered-counts";

describe("rememberCounts", () => {
  it("counts a text once, then answers from memory", () => {
    const seen: string[] = [];
    const count = rememberCounts((text) => (seen.push(text), text.length), 10);
    expect([count("ab"), count("ab"), count("abc"), count("ab")]).toEqual([2, 2, 3, 2]);
    expect(seen).toEqual(["ab", "abc"]);
  });

  it("forgets everything once it holds `limit` texts, and counts again", () => {
    const seen: string[] = [];
    const count = rememberCounts((text) => (seen.push(text), text.length), 2);
    count("a");
    count("bb");
    count("ccc"); // full: memory starts again, with "ccc" alone
    count("a");
    count("ccc");
    expect(seen).toEqual(["a", "bb", "ccc", "a"]);
  });
});

describe("rememberShortTextCounts", () => {
  it("remembers texts of up to 32 characters and counts longer ones every time", () => {
    const seen: number[] = [];
    const count = rememberShortTextCounts((text) => (seen.push(text.length), text.length));
    const short = "x".repeat(32);
    const long = "x".repeat(33);
    expect([count(short), count(short), count(long), count(long), count("ab"), count("ab")]).toEqual([32, 32, 33, 33, 2, 2]);
    expect(seen).toEqual([32, 33, 33, 2]);
  });
});
