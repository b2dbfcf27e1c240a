import { checkPositiveWholeNumber, InputError } from "../errors";
import { stableDocumentId } from "./stable-ids";

/** Metadata of one document, as Chroma stores it. */
export type DocumentMetadata = Record<string, string | number | boolean>;

/** The parts of an ingestion that can be checked without any request. */
export interface IngestInput {
  documents: readonly unknown[];
  ids?: readonly unknown[];
  metadatas?: readonly unknown[];
  batchSize?: number;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return /^[aeiou]/.test(typeof value) ? `an ${typeof value}` : `a ${typeof value}`;
}

function checkDocuments(documents: readonly unknown[]): asserts documents is string[] {
  if (!Array.isArray(documents) || documents.length === 0) {
    throw new InputError("documents must be a non-empty array of strings: there is nothing to ingest.");
  }
  documents.forEach((document, index) => {
    if (typeof document !== "string" || document.trim() === "") {
      const what = typeof document === "string" ? "empty" : describe(document);
      throw new InputError(`documents[${index}] is ${what}: every document must be a non-empty string.`);
    }
  });
}

function checkLength(name: string, list: readonly unknown[], documents: number): void {
  if (!Array.isArray(list) || list.length !== documents) {
    const got = Array.isArray(list) ? `${list.length} entries` : describe(list);
    throw new InputError(`${name} must have one entry per document: ${documents} documents, ${got}.`);
  }
}

function checkIds(ids: readonly unknown[], documents: number): asserts ids is string[] {
  checkLength("ids", ids, documents);
  const seen = new Map<string, number>();
  ids.forEach((id, index) => {
    if (typeof id !== "string" || id === "") {
      throw new InputError(`ids[${index}] is ${id === "" ? "empty" : describe(id)}: every id must be a non-empty string.`);
    }
    const first = seen.get(id);
    if (first !== undefined) throw new InputError(`ids[${index}] repeats ids[${first}] (${JSON.stringify(id)}): every id must be unique.`);
    seen.set(id, index);
  });
}

function defaultIds(documents: string[]): string[] {
  const seen = new Map<string, number>();
  return documents.map((document, index) => {
    const id = stableDocumentId(document);
    const first = seen.get(id);
    if (first !== undefined) {
      throw new InputError(
        `documents[${index}] has the same text as documents[${first}], so both get the default id ${id}: ` +
          `remove the copy, or pass ids to keep both.`,
      );
    }
    seen.set(id, index);
    return id;
  });
}

function checkMetadata(metadata: unknown, index: number): void {
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    throw new InputError(`metadatas[${index}] is ${describe(metadata)}: each metadata must be an object.`);
  }
  const entries = Object.entries(metadata);
  if (entries.length === 0) throw new InputError(`metadatas[${index}] is empty: Chroma refuses empty metadata; give at least one field.`);
  for (const [key, value] of entries) {
    const valid = typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
    if (!valid) {
      throw new InputError(`metadatas[${index}].${key} is ${describe(value)} (${String(value)}): metadata values must be strings, finite numbers or booleans.`);
    }
  }
}

/**
 * Checks an ingestion before any request: non-empty string documents, one unique non-empty id
 * and one non-empty flat metadata object per document when given, a positive whole batch size.
 *
 * @returns the ids to store: the given ones, or {@link stableDocumentId} of each document.
 * @throws InputError saying which entry is wrong and what to do.
 */
export function checkIngestInput(input: IngestInput): string[] {
  const { documents, ids, metadatas, batchSize } = input;
  checkDocuments(documents);
  if (metadatas !== undefined) {
    checkLength("metadatas", metadatas, documents.length);
    metadatas.forEach(checkMetadata);
  }
  checkPositiveWholeNumber("batchSize", batchSize);
  if (ids === undefined) return defaultIds(documents);
  checkIds(ids, documents.length);
  return [...ids];
}
