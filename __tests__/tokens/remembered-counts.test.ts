import { rememberCounts } from "../../src/tokens/remembered-counts";

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
