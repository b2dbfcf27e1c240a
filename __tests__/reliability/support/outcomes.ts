import { ProviderError } from "../../../src/errors";
import type { ChatMessage, LLMCallResult, StreamChunk } from "../../../src/types";

/** The question every reliability call asks. */
export const QUESTION: ChatMessage[] = [
  { role: "system", content: "You are terse." },
  { role: "user", content: "What is the capital of France?" },
];

/** What a call ended in: its value, or the error it threw, and how long it took. */
export interface Outcome<T> {
  value?: T;
  error?: unknown;
  elapsedMs: number;
}

/** Runs `work`, never throwing: the value or the error, with the elapsed wall time. */
export async function outcomeOf<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  const started = performance.now();
  try {
    const value = await work();
    return { value, elapsedMs: performance.now() - started };
  } catch (error) {
    return { error, elapsedMs: performance.now() - started };
  }
}

/** The error a call must fail with; fails the test (with the value) when it succeeds instead. */
export async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  const outcome = await outcomeOf(work);
  if (!("error" in outcome)) throw new Error(`expected the call to fail, it returned ${JSON.stringify(outcome.value)}`);
  return outcome.error;
}

/** A stream read to its end: the chunks that arrived and the error it ended with, if any. */
export interface DrainedStream {
  chunks: StreamChunk[];
  /** The text of the content chunks, in order. */
  text: string;
  error?: unknown;
}

/** Reads a stream to its end, calling `onChunk` after each chunk (to abort mid-way, say). */
export async function drain(stream: AsyncIterable<StreamChunk>, onChunk?: (count: number) => void): Promise<DrainedStream> {
  const chunks: StreamChunk[] = [];
  let error: unknown;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk);
      onChunk?.(chunks.length);
    }
  } catch (caught) {
    error = caught;
  }
  const text = chunks.map((chunk) => chunk.content).join("");
  return error === undefined ? { chunks, text } : { chunks, text, error };
}

/** The priced result on a stream's last chunk; throws what the stream threw, if it failed. */
export async function streamedResult(stream: AsyncIterable<StreamChunk>): Promise<LLMCallResult> {
  const { chunks, error } = await drain(stream);
  if (error !== undefined) throw error;
  const result = chunks.at(-1)?.result;
  if (result === undefined) throw new Error("the stream ended without a priced result on its last chunk");
  return result;
}

/** Polls `check` every 10 ms until it holds or `timeoutMs` passes; returns whether it held. */
export async function eventually(check: () => boolean, timeoutMs = 1_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/** Asserts that a call ended in a retryable timeout ProviderError of `provider` naming `ms`, between `ms` and `ms` + 1 s. */
export function expectTimedOut({ error, elapsedMs }: Outcome<unknown>, provider: string, ms: number): void {
  expect(error).toBeInstanceOf(ProviderError);
  expect(error).toMatchObject({ provider, reason: "timeout", retryable: true });
  expect((error as ProviderError).message).toContain(`timed out after ${ms} ms`);
  expect(elapsedMs).toBeGreaterThanOrEqual(ms);
  expect(elapsedMs).toBeLessThan(ms + 1_000);
}
