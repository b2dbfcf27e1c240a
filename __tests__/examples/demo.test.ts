import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { SCRIPTED_OFFLINE } from "../../examples/langgraph-router";
import { demo, DEMO_QUESTIONS } from "../../scripts/demo";

const ROOT = path.resolve(__dirname, "../..");

describe("npm run demo", () => {
  test("offline by default: says so and that the stand-ins script the routes and answers, answers every question and prints the cost report", () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/demo.ts"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^offline: stand-in servers at http:\/\/127\.0\.0\.1:\d+ \(OpenAI\) and http:\/\/127\.0\.0\.1:\d+ \(Bedrock\); no real API is called\n/);
    // The lines right under it say that the routes and the answers are the stand-ins' script.
    const scripted = run.stdout.split("\n").slice(1, 4).join("\n");
    expect(scripted).toBe(SCRIPTED_OFFLINE);
    expect(scripted).toMatch(/^The stand-ins' answers are scripted: they give the analysis node each question's route/);
    for (const { text, offlineRoute } of DEMO_QUESTIONS) {
      expect(run.stdout).toContain(`Q: ${text}\n   route: ${offlineRoute}`);
      expect(run.stdout).toContain(`A: Stand-in reply to: ${text}`);
    }
    expect(run.stdout).toMatch(/LLM cost: \$\d+\.\d{4} over 14 call\(s\)/);
    for (const heading of ["by node", "by role", "by model"]) expect(run.stdout).toContain(heading);
    // The README shows the start of this report, figure for figure: the totals and the by-node table.
    const report = run.stdout.slice(run.stdout.indexOf("LLM cost: "));
    const shown = report.slice(0, report.indexOf("\n\n", report.indexOf("by node")));
    expect(shown.split("\n")).toHaveLength(8);
    expect(readFileSync(path.join(ROOT, "README.md"), "utf8")).toContain(`\n${shown}\n\`\`\``);
    expect(run.stderr).not.toMatch(/Error|NodeVersionSupportWarning/);
  }, 60_000);

  test("--help prints the usage; an unknown option is exit code 2", async () => {
    const lines: string[] = [];
    expect(await demo(["--help"], (line) => lines.push(line))).toBe(0);
    expect(lines.join("\n")).toContain("Usage: npm run demo [-- --live]");
    lines.length = 0;
    expect(await demo(["--liv"], (line) => lines.push(line))).toBe(2);
    expect(lines[0]).toBe("Unknown option: --liv\n");
  });
});
