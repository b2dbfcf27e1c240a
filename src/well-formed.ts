/** A lone UTF-16 surrogate: half of a character outside the BMP (an emoji cut by `slice`). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The string with every lone surrogate replaced by U+FFFD, as a UTF-8 encoder writes it: what
 * labels and dimension values are kept as, so that every store (SQLite, PostgreSQL's JSON, its
 * text parameters) reads and groups them alike.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD");
}
