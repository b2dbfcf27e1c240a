/**
 * What every example does around its own work: run offline on the package's stand-in servers
 * (`startStandIns()` from "@orchestratai/llm/testing") or, with `--live`, on the real APIs; print
 * where it runs, then its results, then the cost report.
 */
import { startStandIns, type StandIns } from "../src/testing";
import type { CostTracker } from "../src/tracking/cost-tracker";
import type { CostTotals } from "../src/tracking/totals";

/** What the examples print first when they call the real APIs (`--live`). */
export const LIVE_APIS = "live: calling the real OpenAI and Bedrock APIs with your credentials";

/** The line that says where the stand-ins listen. */
export function standInsLine(standIns: StandIns): string {
  return `offline: stand-in servers at ${standIns.openai.url} (OpenAI) and ${standIns.bedrock.url} (Bedrock); no real API is called`;
}

/** Where an example's calls go. */
export interface ExamplePlace {
  /** The factory's environment: the stand-ins' offline; undefined (so process.env) live. */
  env: Record<string, string> | undefined;
  /** The first line to print: {@link standInsLine} offline, {@link LIVE_APIS} live. */
  where: string;
  /** The running stand-ins, offline only: for scripting their replies. */
  standIns?: StandIns;
}

/**
 * Runs `work` on the real APIs when `live`, else on fresh stand-in servers that are stopped
 * afterwards, even when it fails.
 * @returns what `work` returns.
 */
export async function offlineOrLive<T>(live: boolean | undefined, work: (place: ExamplePlace) => Promise<T>): Promise<T> {
  if (live) return work({ env: undefined, where: LIVE_APIS });
  const standIns = await startStandIns();
  try {
    return await work({ env: standIns.env, where: standInsLine(standIns), standIns });
  } finally {
    await standIns.close();
  }
}

/** What every example returns beside its own results. */
export interface ReportedRun {
  /** The first line printed: where the example ran. */
  where: string;
  totals: CostTotals;
  /** `tracker.report()`, the last thing printed. */
  report: string;
}

/**
 * Prints `where`, runs `work`, prints `tracker.report()`.
 * @returns what `work` returns, with `where`, the tracker's totals and the report.
 */
export async function withCostReport<T extends object>(
  tracker: CostTracker,
  where: string,
  log: (line: string) => void,
  work: () => Promise<T>,
): Promise<T & ReportedRun> {
  log(where);
  const results = await work();
  const report = tracker.report();
  log(report);
  return { where, ...results, totals: tracker.totals(), report };
}

/**
 * Keeps the AWS SDK's NodeVersionSupportWarning (its releases after January 2027 will need Node 22;
 * this package supports Node 20) out of an example's output, unless the variable is set already.
 * Only the examples and the demo do this: the package never changes a user's environment.
 */
export function quietAwsNodeVersionWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
}

/** Runs an example from the command line: `--live` calls the real APIs; a failure is printed and sets the exit code. */
export function runFromCommandLine(run: (live: boolean) => Promise<unknown>): void {
  quietAwsNodeVersionWarning();
  run(process.argv.includes("--live")).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
