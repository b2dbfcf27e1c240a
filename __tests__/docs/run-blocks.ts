import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { DocBlock } from "./doc-blocks";

/** How a block's process ended. */
export interface BlockRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A file name for a block: `docs-testing.md-L42.ts`. */
export function blockFileName(block: DocBlock): string {
  return `${block.file.replace(/[\\/]/g, "-")}-L${block.line}.ts`;
}

/**
 * Writes `block` into `dir` as printed, and runs it with tsx in a fresh node whose working
 * directory is `dir` (so no `.env` of the package is read). `dir` lies inside the package, so
 * `@orchestratai/llm` resolves by name to the built package (Node's self-reference, through the
 * exports map) and a `.ts` file is CommonJS, as in a project with `"type": "commonjs"`.
 */
export function runBlock(root: string, dir: string, block: DocBlock, env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<BlockRun> {
  const file = path.join(dir, blockFileName(block));
  writeFileSync(file, `${block.code}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), file], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", reject);
    child.once("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Runs `work` over `items`, at most `concurrency` at a time, and returns the results in order. */
export async function inPool<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
