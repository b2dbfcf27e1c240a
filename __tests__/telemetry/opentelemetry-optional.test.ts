import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const ROOT = path.resolve(__dirname, "../..");

/**
 * In a fresh process: the package's root entry, a CostTracker with `telemetry` as given, a chat
 * call and an embeddings call on the stand-in; returns the @opentelemetry modules that were loaded.
 */
async function openTelemetryModulesLoaded(telemetry: boolean): Promise<string[]> {
  const script = `
    (async () => {
      const { CostTracker, OpenAIProvider, OpenAIEmbeddingsProvider } = require("./src");
      const { startOpenAIStandIn } = require("./src/testing");
      const server = await startOpenAIStandIn();
      const tracker = new CostTracker({ telemetry: ${telemetry} });
      const baseURL = server.url + "/v1";
      await new OpenAIProvider({ model: "gpt-4o", apiKey: "sk-test", baseURL, tracker }).complete({ messages: [{ role: "user", content: "hi" }] });
      await new OpenAIEmbeddingsProvider({ apiKey: "sk-test", baseURL, tracker }).embed({ texts: ["hi"] });
      await server.close();
      const loaded = Object.keys(require.cache).filter((file) => file.includes("/node_modules/@opentelemetry/"));
      process.stdout.write(JSON.stringify({ calls: tracker.totals().calls, loaded: [...new Set(loaded.map((file) => file.split("/node_modules/")[1].split("/").slice(0, 2).join("/")))] }));
    })().catch((error) => { console.error(error); process.exit(1); });`;
  const { stdout } = await promisify(execFile)(process.execPath, ["--require", "tsx/cjs", "-e", script], { cwd: ROOT, encoding: "utf8" });
  const result = JSON.parse(stdout) as { calls: number; loaded: string[] };
  expect(result.calls).toBe(2);
  return result.loaded;
}

describe("@opentelemetry/api stays an optional peer dependency", () => {
  it("with telemetry off, calls through a tracker load no OpenTelemetry module at all", async () => {
    expect(await openTelemetryModulesLoaded(false)).toEqual([]);
  });

  it("with telemetry on, @opentelemetry/api is loaded (and nothing else of OpenTelemetry: no SDK is bundled)", async () => {
    expect(await openTelemetryModulesLoaded(true)).toEqual(["@opentelemetry/api"]);
  });
});
