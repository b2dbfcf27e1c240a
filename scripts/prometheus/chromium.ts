import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runCommand } from "../chroma/run-command";

/** The flags every headless Chromium run here gets: no sandbox (root), no GPU, no network of its own. */
const HEADLESS_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--hide-scrollbars"];

function log(message: string): void {
  process.stderr.write(`[chromium] ${message}\n`);
}

function chromiumOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    for (const name of ["chromium", "chromium-browser"]) if (dir !== "" && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/**
 * Debian's `chromium`: the one on PATH, else installed with `apt-get install chromium` (which needs
 * root; otherwise an Error says what to install).
 */
export async function ensureChromium(): Promise<string> {
  const found = chromiumOnPath();
  if (found !== undefined) return found;
  if (process.getuid?.() !== 0) throw new Error("Chromium is not installed: run `sudo apt-get install chromium` (Debian's package), then run this script again.");
  log("Chromium is not installed: installing Debian's chromium package (apt-get install chromium).");
  await runCommand("apt-get", ["-q", "update"], { timeoutMs: 600_000 });
  await runCommand("apt-get", ["-q", "-y", "--no-install-recommends", "install", "chromium"], { env: { DEBIAN_FRONTEND: "noninteractive" }, timeoutMs: 1_200_000 });
  const installed = chromiumOnPath();
  if (installed === undefined) throw new Error("apt-get install chromium finished, but no chromium is on PATH.");
  return installed;
}

/** A PNG screenshot of `url` by headless `chromium` (see {@link ensureChromium}) with a fresh profile, after `settleMs` of page time. */
export async function screenshot(chromium: string, url: string, file: string, options: { width: number; height: number; settleMs: number }): Promise<void> {
  const profile = mkdtempSync(path.join(tmpdir(), "orchestratai-chromium-"));
  try {
    await runCommand(chromium, [
      ...HEADLESS_FLAGS,
      `--user-data-dir=${profile}`,
      `--window-size=${options.width},${options.height}`,
      `--virtual-time-budget=${options.settleMs}`,
      `--screenshot=${file}`,
      url,
    ], { timeoutMs: 120_000 });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
