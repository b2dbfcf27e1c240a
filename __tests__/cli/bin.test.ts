import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { freshStore } from "../helpers/ledger-stores";
import { QUESTION } from "../reliability/support/outcomes";
import { useRig } from "../reliability/support/rigs";

const ROOT = path.resolve(__dirname, "../..");
/** Inside the repository, so the built command resolves the drivers from its node_modules as an installed package does. */
const OUT_DIR = path.join(ROOT, "node_modules", ".cache", "orchestratai-cli-test");

jest.setTimeout(60_000);

describe("the orchestratai-llm bin", () => {
  const openai = useRig("openai");

  test("package.json's bin is the CLI entry tsup builds, with a shebang, and it prints a ledger's costs", async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
    expect(pkg.bin).toEqual({ "orchestratai-llm": "./dist/cli.js" });
    const entry = execFileSync(process.execPath, ["--import", "tsx", path.join(__dirname, "support", "build-cli.ts"), OUT_DIR], { cwd: ROOT, encoding: "utf8" });
    expect(entry).toBe("src/cli/main.ts");
    const bin = path.join(OUT_DIR, "cli.js");
    expect(readFileSync(bin, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");

    const store = await freshStore("SQLite");
    try {
      const ledger = store.ledger();
      openai.server.reply({ usage: { inputTokens: 1000, outputTokens: 100 } });
      await openai.provider({ tracker: new CostTracker({ ledger }) }).complete({ messages: QUESTION });
      await ledger.close();
      const table = execFileSync(process.execPath, [bin, "costs", "--ledger", store.where, "--since", "1h"], { encoding: "utf8" });
      expect(table.split("\n")[0]).toBe("LLM cost: $0.0035 over 1 call(s), 1,000 tokens in / 100 out");
      const json = JSON.parse(execFileSync(process.execPath, [bin, "costs", "--ledger", store.where, "--json"], { encoding: "utf8" })) as { calls: number; costUsd: number };
      expect(json).toEqual(expect.objectContaining({ calls: 1, costUsd: (1000 * 2.5 + 100 * 10) / 1e6 }));
    } finally {
      await store.remove();
    }
  });
});
