import { createHash } from "node:crypto";

/**
 * The default id of a document: the first 32 hex digits (128 bits) of the SHA-256 of its text
 * (UTF-8). The same text always gets the same id, so ingesting it again updates the record
 * instead of adding a copy.
 */
export function stableDocumentId(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, 32);
}
