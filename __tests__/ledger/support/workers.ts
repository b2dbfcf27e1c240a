import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { WorkerReport, WorkerRun } from "./worker-protocol";

/** A worker process started by {@link startWorkers}. */
export interface Worker {
  child: ChildProcess;
  /** Starts a run; resolves with its report, or undefined when the worker ended first (killed). */
  run(request: Omit<WorkerRun, "type">): Promise<WorkerReport | undefined>;
  /** The call numbers it said had returned (mode until-killed). */
  returned: string[];
  /** Asks it to close its ledger and end; resolves when it has exited. */
  stop(): Promise<void>;
}

const WORKER = path.join(__dirname, "ledger-worker.ts");

/** Forks a worker per number (through tsx) and resolves once every one has said it is ready. */
export async function startWorkers(numbers: number[]): Promise<Worker[]> {
  const workers = numbers.map((number) => {
    const child = fork(WORKER, [], {
      execArgv: ["--import", "tsx", "--no-warnings"],
      env: { ...process.env, LEDGER_WORKER: String(number) },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const returned: string[] = [];
    let reportTo: ((report: WorkerReport | undefined) => void) | undefined;
    void exited.then(() => reportTo?.(undefined));
    const ready = new Promise<void>((resolve, reject) => {
      void exited.then(() => reject(new Error(`worker ${number} exited before it was ready`)));
      child.on("message", (message: { type: "ready" } | { type: "returned"; callNo: string } | WorkerReport) => {
        if (message.type === "ready") resolve();
        else if (message.type === "returned") returned.push(message.callNo);
        else reportTo?.(message);
      });
    });
    const worker: Worker = {
      child,
      returned,
      run: (request) =>
        new Promise((resolve) => {
          reportTo = resolve;
          child.send({ type: "run", ...request });
        }),
      stop: async () => {
        if (child.connected) child.send({ type: "exit" });
        await exited;
      },
    };
    return { worker, ready };
  });
  try {
    await Promise.all(workers.map(({ ready }) => ready));
  } catch (error) {
    for (const { worker } of workers) worker.child.kill("SIGKILL");
    throw error;
  }
  return workers.map(({ worker }) => worker);
}
