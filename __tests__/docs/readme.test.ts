import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { documentationFiles } from "./doc-blocks";

const ROOT = path.resolve(__dirname, "../..");
const README = readFileSync(path.join(ROOT, "README.md"), "utf8");

describe("README.md", () => {
  test("stays a newcomer's page: at most 250 lines (reference goes to docs/)", () => {
    expect(README.trimEnd().split("\n").length).toBeLessThanOrEqual(250);
  });

  test("gives the two commands, and CI runs exactly its test command after a clean install", () => {
    expect(README).toContain("npm ci && npm run demo");
    const testCommand = /^npm test\b/m.exec(README)?.[0];
    expect(testCommand).toBe("npm test");
    const ci = readFileSync(path.join(ROOT, ".ci/run"), "utf8").trimEnd().split("\n");
    expect(ci.slice(-2)).toEqual(["npm ci", testCommand]);
  });

  test("its sections come in a newcomer's order (others may stand between them)", () => {
    const order = ["Install", "Try it", "Quick start", "Roles and variables", "Going live", "Cost reports and budgets", "Links"];
    const headings = [...README.matchAll(/^## (.+)$/gm)].map((match) => match[1]!);
    expect(headings.filter((heading) => order.includes(heading))).toEqual(order);
    expect(headings.at(-1)).toBe("Links");
  });
});

test.each(documentationFiles(ROOT))("every relative link of %s leads to a file of the repository", (file) => {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  const targets = [...text.matchAll(/\]\(((?!https?:|#|mailto:)[^)#\s]+)[^)]*\)/g)].map((match) => match[1]!);
  const missing = targets.filter((target) => !existsSync(path.join(ROOT, path.dirname(file), target)));
  expect(missing).toEqual([]);
});
