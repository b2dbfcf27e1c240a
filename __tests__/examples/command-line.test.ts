import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { OFFLINE_TEXTS } from "../../examples/streaming";

const ROOT = path.resolve(__dirname, "../..");
const WARNING_VARIABLE = "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED";

function sourcesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sourcesBelow(file) : file.endsWith(".ts") ? [file] : [];
  });
}

describe("an example run from the command line", () => {
  test("keeps the AWS SDK's NodeVersionSupportWarning out of its output (streaming: it used to land in the streamed text)", () => {
    const env = { ...process.env };
    delete env[WARNING_VARIABLE];
    const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "examples/streaming.ts"], {
      cwd: ROOT,
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect([run.status, run.stderr]).toEqual([0, ""]);
    expect(run.stdout).toMatch(/^offline: stand-in servers at /);
    expect(run.stdout).toContain(`graph node "respond": ${OFFLINE_TEXTS.graph}\n[cost direct: $`);
    expect(run.stdout).not.toContain("NodeVersionSupportWarning");
  }, 60_000);

  test("the package itself never sets the variable that silences it: only the examples and the demo do", () => {
    const setting = sourcesBelow(path.join(ROOT, "src")).filter((file) => readFileSync(file, "utf8").includes(WARNING_VARIABLE));
    expect(setting).toEqual([]);
  });
});
