import { format, inspect } from "node:util";

/** JSON.stringify that reports a value it cannot serialise instead of throwing. */
export function json(item: unknown): string {
  try {
    return JSON.stringify(item) ?? "";
  } catch (error) {
    return `(not JSON: ${(error as Error).message})`;
  }
}

/**
 * Every way a value is shown to a person or a log: `String()`, `.message`, `.stack`,
 * `JSON.stringify`, `util.inspect(x, { showHidden: true, depth: 10 })` (a debugger's deep look),
 * what `console.log(x)` and `console.log("%o", x)` print; for errors the same down the whole cause
 * chain, and the `raw` of a result or of a stream's `partial`.
 */
export function renderings(value: unknown): string[] {
  const texts: string[] = [json(value), String(value), inspect(value), inspect(value, { showHidden: true, depth: 10 }), format("%o", value)];
  const seen = new Set<unknown>();
  for (let current: unknown = value; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    texts.push(current.message, String(current.stack), json(current), String(current));
    const raw = (current as { partial?: { raw?: unknown } }).partial?.raw;
    if (raw !== undefined) texts.push(json(raw));
    if (current instanceof AggregateError) for (const inner of current.errors as unknown[]) texts.push(...renderings(inner));
  }
  const raw = (value as { raw?: unknown } | undefined)?.raw;
  if (raw !== undefined) texts.push(json(raw));
  return texts;
}

/** Where each secret occurs in the texts, as "<label>: <secret name>" (empty when none does). */
export function leaksIn(label: string, texts: readonly string[], secrets: Record<string, string>): string[] {
  const leaks: string[] = [];
  for (const [name, secret] of Object.entries(secrets)) {
    if (texts.some((text) => text.includes(secret))) leaks.push(`${label}: ${name}`);
  }
  return leaks;
}

/** Everything written to stdout, stderr and the console while it is installed. */
export interface OutputCapture {
  /** The text written so far. */
  texts: string[];
  restore(): void;
}

type Write = (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug", "trace"] as const;

/** Records (and passes on) every write to process.stdout / process.stderr, and records console calls. */
export function captureOutput(): OutputCapture {
  const texts: string[] = [];
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((stream) => stream.write);
  for (const [index, stream] of streams.entries()) {
    const original = originals[index] as unknown as Write;
    const write: Write = (chunk, ...rest) => {
      texts.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return original.call(stream, chunk, ...rest);
    };
    stream.write = write as typeof stream.write;
  }
  // Libraries may hold console methods bound before this ran (the openai SDK binds them once per
  // process); under jest those still end in the console's own _log / _logError, so record there too.
  const sink = console as unknown as Record<string, unknown>;
  const sinks = ["_log", "_logError"].filter((name) => typeof sink[name] === "function");
  const sinkOriginals = sinks.map((name) => sink[name] as (type: string, message: string) => void);
  const sinkWasOwn = sinks.map((name) => Object.hasOwn(sink, name));
  for (const [index, name] of sinks.entries()) {
    const original = sinkOriginals[index]!;
    sink[name] = function (this: unknown, type: string, message: string) {
      texts.push(String(message));
      return original.call(this, type, message);
    };
  }
  const spies = CONSOLE_METHODS.map((method) =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      texts.push(args.map((arg) => (typeof arg === "string" ? arg : inspect(arg, { depth: 8 }))).join(" "));
    }),
  );
  return {
    texts,
    restore() {
      for (const [index, stream] of streams.entries()) stream.write = originals[index]!;
      for (const spy of spies) spy.mockRestore();
      for (const [index, name] of sinks.entries()) {
        if (sinkWasOwn[index]) sink[name] = sinkOriginals[index];
        else delete sink[name];
      }
    },
  };
}
