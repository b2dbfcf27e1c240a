/** What the multi-process ledger tests and their worker processes (ledger-worker.ts) say to each other. */

/** Where a run keeps its books (a worker keeps one ledger per store it is sent to). */
export interface WorkerStore {
  store: "SQLite" | "PostgreSQL";
  /** The SQLite file or the PostgreSQL url. */
  where: string;
  spoolDir: string;
}

/** One run the parent asks for; every call carries `metadata.phase` = the mode (embeddings carry no metadata). */
export interface WorkerRun extends WorkerStore {
  type: "run";
  /** mixed: the planned calls in turn; until-killed: chat calls only, saying "returned" after each; burst: all calls at once under a shared budget. */
  mode: "mixed" | "until-killed" | "burst";
  calls: number;
  /** Mode burst: the budget on phase "burst", shared by every worker, and each call's maxTokens. */
  budgetUsd?: number;
  maxTokens?: number;
}

/** What a worker reports after a run. */
export interface WorkerReport {
  type: "done";
  /** The ids of the calls its tracker recorded. */
  ids: string[];
  succeeded: number;
  refused: number;
  /** The worst case a refused call would have reserved (mode burst). */
  callUsd?: number;
  errors: string[];
}

/** Dimensions every worker's ledger records. */
export const WORKER_DIMENSIONS = ["worker", "callNo", "phase"];
