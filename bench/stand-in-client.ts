import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { ScriptedReply } from "../src/testing/stand-in-types";

/** A message to the stand-in process. */
export type StandInCommand = { id: number; kind: "openai" | "bedrock" } & (
  | { type: "reply"; scripts: ScriptedReply[] }
  | { type: "reset" }
  | { type: "count" }
);

/** A command before the client numbers it. */
type UnnumberedCommand = StandInCommand extends infer C ? (C extends StandInCommand ? Omit<C, "id"> : never) : never;

/** Its answer: the requests each server has recorded (and, first, the servers' URLs). */
export interface StandInAnswer {
  id: number;
  urls?: { openai: string; bedrock: string };
  requests: number;
  byOperation: Record<string, number>;
}

/** Both stand-ins, running in a child process. */
export interface StandInProcess {
  urls: { openai: string; bedrock: string };
  /** Queues replies (all at once, in order). */
  reply(kind: "openai" | "bedrock", scripts: ScriptedReply[]): Promise<StandInAnswer>;
  reset(kind: "openai" | "bedrock"): Promise<StandInAnswer>;
  count(kind: "openai" | "bedrock"): Promise<StandInAnswer>;
  stop(): Promise<void>;
}

/** Forks bench/stand-in-process.ts (through tsx) and waits until its servers listen. */
export async function startStandInProcess(): Promise<StandInProcess> {
  const child: ChildProcess = fork(path.join(__dirname, "stand-in-process.ts"), [], {
    execArgv: ["--import", "tsx", "--no-warnings"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const waiting = new Map<number, (answer: StandInAnswer) => void>();
  child.on("message", (answer: StandInAnswer) => {
    waiting.get(answer.id)?.(answer);
    waiting.delete(answer.id);
  });
  const first = await new Promise<StandInAnswer>((resolve, reject) => {
    waiting.set(0, resolve);
    child.once("exit", (code) => reject(new Error(`the stand-in process exited with code ${code} before it listened`)));
  });
  let nextId = 1;
  const send = (command: UnnumberedCommand): Promise<StandInAnswer> =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      child.send({ ...command, id });
    });
  return {
    urls: first.urls!,
    reply: (kind, scripts) => send({ type: "reply", kind, scripts }),
    reset: (kind) => send({ type: "reset", kind }),
    count: (kind) => send({ type: "count", kind }),
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.disconnect();
      }),
  };
}
