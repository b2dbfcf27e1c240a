import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { ensureBuilt, ROOT } from "../../scripts/built-package";
import { startStandIns, type StandIns } from "../../src/testing";
import { typeCheckConsumer } from "../helpers/consumer-type-check";
import { documentationBlocks, runnableBlocks, type DocBlock } from "./doc-blocks";
import { blockFileName, inPool, runBlock, type BlockRun } from "./run-blocks";

/**
 * Every block of the README and docs/ marked ```ts runnable, run exactly as printed: after the
 * build, importing "@orchestratai/llm" by name, in a fresh node, offline. The environment points
 * the standard variables (OPENAI_BASE_URL, AWS_ENDPOINT_URL_BEDROCK_RUNTIME, throwaway keys) at
 * stand-ins, so a block written for real credentials runs on them; a block that scripts replies
 * starts its own with startStandIns(). An output block under a block is its exact stdout.
 */
const BLOCKS = documentationBlocks(ROOT);
/** Variables a developer's shell may hold that would take a block off the stand-ins or off the defaults. */
const NOT_PASSED = /^(OPENAI_|AWS_|AZURE_|OP_|USE_ONEPASSWORD$|ORCHESTRATOR_|DEFAULT_\w*MODEL$)/;

/** The one line a block may write to stderr: LangChain logs an error a raiseError handler throws (the README says so). */
const LANGCHAIN_LOGS_BUDGET_ERROR = /^Error in handler \w+, handle\w+: BudgetExceededError: Budget exceeded: /;

let dir: string;
let standIns: StandIns;
let env: NodeJS.ProcessEnv;
const runs = new Map<DocBlock, BlockRun>();

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(path.join(ROOT, ".doc-blocks-"));
  standIns = await startStandIns();
  env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !NOT_PASSED.test(name))),
    ...standIns.env,
    // The AWS SDK's notice that its 2027 releases need Node 22 is the one line a block may not print.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  const results = await inPool(BLOCKS, 2, (block) => runBlock(ROOT, dir, block, env));
  BLOCKS.forEach((block, index) => runs.set(block, results[index]!));
}, 600_000);

afterAll(async () => {
  await standIns?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the runnable blocks of the README and docs/", () => {
  test("the README's quick start is one, with its output, and so is the cost-report example", () => {
    const readme = BLOCKS.filter((block) => block.file === "README.md");
    const quickStart = readme.find((block) => block.code.includes("startStandIns()") && block.code.includes("StateGraph"));
    expect(quickStart?.output).toContain("LLM cost: $");
    expect(quickStart?.output).toContain("by node");
    expect(readme.length).toBeGreaterThanOrEqual(2);
    expect(new Set(BLOCKS.map((block) => block.file)).size).toBeGreaterThanOrEqual(4);
  });

  test.each(BLOCKS.map((block) => [`${block.file}:${block.line}`, block] as const))("%s runs as printed, offline", (_where, block) => {
    const run = runs.get(block)!;
    const stderr = run.stderr.split("\n").filter((line) => line !== "" && !LANGCHAIN_LOGS_BUDGET_ERROR.test(line));
    expect({ status: run.status, stderr }).toEqual({ status: 0, stderr: [] });
    if (block.output !== undefined) expect(run.stdout.trimEnd()).toBe(block.output.trimEnd());
  });

  test("they type-check against the built package's declarations (strict, CommonJS as in this repository)", () => {
    const files = BLOCKS.map((block) => path.join(dir, blockFileName(block)));
    const { problems, builtDeclarations } = typeCheckConsumer(files);
    expect(problems).toEqual([]);
    expect(builtDeclarations).toContain("dist/index.d.ts");
  }, 120_000);
});

describe("the doc-test itself", () => {
  test("a block that is broken fails: wrong entry point, non-zero exit and the error on stderr", async () => {
    const broken: DocBlock = {
      file: "broken.md",
      line: 1,
      code: 'import { startStandIns } from "@orchestratai/llm";\n\nasync function main() {\n  await startStandIns();\n}\n\nmain();',
    };
    const run = await runBlock(ROOT, dir, broken, env);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("startStandIns) is not a function");
  }, 60_000);

  test("finds each runnable block and the output block under it, and refuses a marker it does not know", () => {
    const text = ["# t", "```ts runnable", "console.log(1);", "```", "", "```text output", "1", "```", "```ts", "not run", "```", "```ts runnable", "x();", "```"].join("\n");
    expect(runnableBlocks("t.md", text)).toEqual([
      { file: "t.md", line: 2, code: "console.log(1);", output: "1" },
      { file: "t.md", line: 12, code: "x();" },
    ]);
    expect(() => runnableBlocks("t.md", "```ts runable\nx\n```")).toThrow('t.md:1: "```ts runable" is not a marker this test knows; write ```ts runnable.');
    expect(() => runnableBlocks("t.md", "```text output\n1\n```")).toThrow("t.md:1: an output block must follow a runnable block");
    expect(() => runnableBlocks("t.md", "```ts runnable\nx")).toThrow("t.md:1: the block opened here is never closed.");
  });
});
