/**
 * A count function of text that remembers its results: up to `limit` texts, then it forgets them
 * all and starts again (no eviction bookkeeping on the hot path; memory stays bounded).
 *
 * @param count - a pure function of the text.
 * @param limit - how many results to keep at most.
 */
export function rememberCounts(count: (text: string) => number, limit: number): (text: string) => number {
  const counts = new Map<string, number>();
  return (text) => {
    let value = counts.get(text);
    if (value === undefined) {
      if (counts.size >= limit) counts.clear();
      value = count(text);
      counts.set(text, value);
    }
    return value;
  };
}

/** Texts up to this many characters (stream deltas, role names: they repeat) have their counts remembered. */
const SHORT_TEXT = 32;
/** At most this many remembered counts of short texts per counter. */
const SHORT_TEXT_LIMIT = 10_000;

/** A count function that remembers its results for short texts only (see {@link rememberCounts}); longer texts are counted each time. */
export function rememberShortTextCounts(count: (text: string) => number): (text: string) => number {
  const remembered = rememberCounts(count, SHORT_TEXT_LIMIT);
  return (text) => (text.length > SHORT_TEXT ? count(text) : remembered(text));
}
