import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** The fence that marks a TypeScript block `npm test` runs as printed. */
export const RUNNABLE_FENCE = "```ts runnable";
/** The fence of a block that is the exact output of the runnable block right above it. */
export const OUTPUT_FENCE = "```text output";

/** A runnable block of a Markdown file. */
export interface DocBlock {
  /** The file, relative to the package root (e.g. `docs/testing.md`). */
  file: string;
  /** The line of its opening fence, from 1. */
  line: number;
  code: string;
  /** What it must print on stdout, when an output block follows it. */
  output?: string;
}

/** The Markdown files whose runnable blocks are run: the README, docs/ and bench/README.md. */
export function documentationFiles(root: string): string[] {
  const docs = readdirSync(path.join(root, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`);
  return ["README.md", ...docs.sort(), "bench/README.md"];
}

/** The body of the fenced block whose opening fence is at `lines[open]`, and the index of its closing fence. */
function fencedBody(lines: readonly string[], open: number, where: string): { body: string; close: number } {
  const close = lines.findIndex((line, index) => index > open && line.trimEnd() === "```");
  if (close === -1) throw new Error(`${where}: the block opened here is never closed.`);
  return { body: lines.slice(open + 1, close).join("\n"), close };
}

/**
 * The runnable blocks of one Markdown text, each with the output block that follows it (blank
 * lines between are allowed). A fence with more than a language after it that is not exactly
 * {@link RUNNABLE_FENCE}, or an output block right under one, is an error, so a typo cannot turn
 * a test off.
 */
export function runnableBlocks(file: string, text: string): DocBlock[] {
  const lines = text.split("\n");
  const blocks: DocBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const fence = lines[index]!.trimEnd();
    // A fence with more than a language after it must be a marker this test knows.
    if (!/^```\S*\s+\S/.test(fence)) continue;
    const where = `${file}:${index + 1}`;
    if (fence === OUTPUT_FENCE) throw new Error(`${where}: an output block must follow a runnable block (${RUNNABLE_FENCE}).`);
    if (fence !== RUNNABLE_FENCE) throw new Error(`${where}: "${fence}" is not a marker this test knows; write ${RUNNABLE_FENCE}.`);
    const { body: code, close } = fencedBody(lines, index, where);
    let next = close + 1;
    while (next < lines.length && lines[next]!.trim() === "") next++;
    const block: DocBlock = { file, line: index + 1, code };
    if (lines[next]?.trimEnd() === OUTPUT_FENCE) {
      const output = fencedBody(lines, next, `${file}:${next + 1}`);
      block.output = output.body;
      index = output.close;
    } else {
      index = close;
    }
    blocks.push(block);
  }
  return blocks;
}

/** Every runnable block of the package's documentation. */
export function documentationBlocks(root: string): DocBlock[] {
  return documentationFiles(root).flatMap((file) => runnableBlocks(file, readFileSync(path.join(root, file), "utf8")));
}
