import { fnv1a } from "./stable-hash";

/** Lower-cased words (letters and digits of any script) of a text. */
function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * A deterministic embedding that carries meaning: each word of the text adds ±1 at two hashed
 * positions (feature hashing), and the vector is L2-normalised. Texts sharing words have a higher
 * cosine similarity than unrelated texts; the same text always gets the same vector. A text without
 * words gets the unit vector on the first axis.
 */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of wordsOf(text)) {
    for (const seed of [1, 2]) {
      const hash = fnv1a(word, seed);
      const position = hash % dimensions;
      vector[position] = (vector[position] ?? 0) + ((hash >>> 31) === 1 ? -1 : 1);
    }
  }
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  if (norm === 0) return vector.map((_, index) => (index === 0 ? 1 : 0));
  return vector.map((value) => value / norm);
}

/** A vector as OpenAI's `encoding_format: "base64"` sends it: little-endian float32s, base64. */
export function toBase64Float32(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString("base64");
}
