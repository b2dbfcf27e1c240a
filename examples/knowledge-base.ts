/** A tiny in-memory knowledge base for the examples: a few support documents and a word-overlap search. */

/** One document of the knowledge base. */
export interface KnowledgeDocument {
  id: string;
  text: string;
}

/** The documents the RAG node searches. */
export const KNOWLEDGE_BASE: readonly KnowledgeDocument[] = [
  { id: "refunds", text: "Refunds: damaged items can be returned within 30 days for a full refund; we pay the return shipping." },
  { id: "shipping", text: "Shipping: orders leave the warehouse within 2 business days; express delivery takes 1 business day." },
  { id: "warranty", text: "Warranty: every device has a 2-year warranty that covers manufacturing defects, not accidental damage." },
];

/** The preloaded context of the CAG node: the support handbook, small enough to send whole. */
export const SUPPORT_HANDBOOK =
  "Support handbook. Office hours: 9:00-17:00 CET, Monday to Friday. Outages go to the on-call engineer " +
  "at once. Invoices are sent on the first business day of each month. Passwords are reset from the login page.";

function wordsOf(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[a-z0-9]{3,}/g) ?? []);
}

/**
 * The documents sharing the most words (3+ letters) with the query, best first.
 * @param limit - at most this many documents; those sharing no word are left out.
 */
export function searchKnowledgeBase(query: string, limit = 2): KnowledgeDocument[] {
  const queryWords = wordsOf(query);
  return KNOWLEDGE_BASE.map((document) => ({
    document,
    score: [...wordsOf(document.text)].filter((word) => queryWords.has(word)).length,
  }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ document }) => document);
}
