import { LLMError } from "../errors";

const IDS_IN_MESSAGE = 10;

function listIds(ids: readonly string[]): string {
  if (ids.length === 0) return "none";
  const shown = ids.slice(0, IDS_IN_MESSAGE).join(", ");
  return ids.length > IDS_IN_MESSAGE ? `${shown} and ${ids.length - IDS_IN_MESSAGE} more` : shown;
}

/**
 * An ingestion that stopped at a failed batch (embedding or storing). Batches before it are
 * stored; this batch and the ones after it are not. The failure is the `cause`.
 */
export class ChromaIngestError extends LLMError {
  /** Ids stored before the failure, in input order. */
  readonly storedIds: readonly string[];
  /** Ids of the failed batch and of every batch after it, in input order. */
  readonly notStoredIds: readonly string[];

  constructor(details: { batch: number; batches: number; storedIds: string[]; notStoredIds: string[]; cause: unknown }) {
    const { batch, batches, storedIds, notStoredIds, cause } = details;
    const reason = (cause instanceof Error ? cause.message : String(cause)).trim();
    super(
      `Ingestion stopped at batch ${batch} of ${batches}: ${/[.!?]$/.test(reason) ? reason : `${reason}.`} ` +
        `Stored ${storedIds.length} document(s): ${listIds(storedIds)}. ` +
        `Not stored ${notStoredIds.length}: ${listIds(notStoredIds)}. ` +
        `Fix the cause and run the ingestion again: ids already stored are updated, not duplicated.`,
      { cause },
    );
    this.storedIds = storedIds;
    this.notStoredIds = notStoredIds;
  }
}
