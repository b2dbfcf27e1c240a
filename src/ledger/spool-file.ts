import { createHash } from "node:crypto";
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import type { LedgerRow } from "./ledger-row";

/** Whether a process with this id is running (a spool file of one that is not is left to be taken over). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The rows a process could not write to its ledger's store, in JSON lines beside it, each appended
 * and synced to disk before the call returns. One file per store and process
 * (`.orchestratai-ledger-<store hash>-<pid>.jsonl`); a replay first renames the file aside (new
 * rows go to a fresh one), and takes over the files of processes that died before replaying theirs.
 */
export class SpoolFile {
  /** The file rows are appended to. */
  readonly path: string;
  private readonly dir: string;
  private readonly prefix: string;
  private claims = 0;

  constructor(dir: string, store: string) {
    this.dir = path.resolve(dir);
    this.prefix = `.orchestratai-ledger-${createHash("sha256").update(store).digest("hex").slice(0, 12)}-`;
    this.path = path.join(this.dir, `${this.prefix}${process.pid}.jsonl`);
  }

  /** Appends rows and syncs them to disk. */
  append(rows: readonly LedgerRow[]): void {
    mkdirSync(this.dir, { recursive: true });
    const fd = openSync(this.path, "a");
    try {
      writeSync(fd, rows.map((row) => `${JSON.stringify(row)}\n`).join(""));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Whether rows are waiting: in this process's file, in files set aside, or left by a process that died. */
  hasRows(): boolean {
    return this.candidates().length > 0;
  }

  /** Sets aside every file to replay (this process's, and those left by dead processes) and returns their paths. */
  claim(): string[] {
    const claimed: string[] = [];
    for (const file of this.candidates()) {
      if (file.includes(".claimed-") && file.includes(`${this.prefix}${process.pid}.`)) {
        claimed.push(file); // set aside by this process before; not replayed yet
        continue;
      }
      const target = path.join(this.dir, `${this.prefix}${process.pid}.claimed-${Date.now()}-${(this.claims += 1)}.jsonl`);
      try {
        renameSync(file, target);
        claimed.push(target);
      } catch {
        // another process took it over first
      }
    }
    return claimed;
  }

  /** The rows of a claimed file; a line cut short (the process died while appending) is skipped. */
  read(file: string): LedgerRow[] {
    const rows: LedgerRow[] = [];
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      try {
        rows.push(JSON.parse(line) as LedgerRow);
      } catch {
        // a torn last line: its call never returned
      }
    }
    return rows;
  }

  /** Deletes a replayed file. */
  remove(file: string): void {
    rmSync(file, { force: true });
  }

  private candidates(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((name) => name.startsWith(this.prefix) && name.endsWith(".jsonl"))
      .filter((name) => {
        const pid = Number(name.slice(this.prefix.length).split(".")[0]);
        return pid === process.pid || !isRunning(pid);
      })
      .map((name) => path.join(this.dir, name))
      .filter((file) => statSync(file, { throwIfNoEntry: false })?.size !== 0);
  }
}
