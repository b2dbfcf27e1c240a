import { ensureBuilt, probeImport, type Probe } from "../../scripts/built-package";
import type { BenchRow } from "../report";
import { median, summarise } from "../stats";

const FIRST_COUNT_MS = 500;
const FIRST_COUNT_MB = 80;

/**
 * What the first token count of a process costs, each in `runs` fresh processes importing
 * `@orchestratai/llm/openai` (dist, CJS): the event loop blocked by the first countTokens (it
 * builds the o200k_base encoder; the call is synchronous, so its duration is the block) and the
 * RSS it adds; then the same after `warmUpTokenizers(["gpt-4o"])` at start-up.
 */
export function benchFirstCount(runs: number): BenchRow[] {
  ensureBuilt();
  const cold: Probe[] = [];
  const warmed: Probe[] = [];
  for (let run = 0; run < runs; run++) {
    cold.push(probeImport({ specifiers: ["@orchestratai/llm/openai"], format: "cjs", firstCount: true }));
    warmed.push(probeImport({ specifiers: ["@orchestratai/llm/openai"], format: "cjs", warmUp: [["gpt-4o"]], firstCount: true }));
  }
  const blocked = summarise(cold.map((probe) => probe.firstCount!.ms));
  const rssAdded = cold.map((probe) => probe.firstCount!.rssAddedMb);
  const section = "first count";
  const fresh = `median of ${runs} fresh processes`;
  return [
    {
      section,
      name: "first countTokens of a process: event loop blocked (builds o200k_base)",
      latency: blocked,
      target: { label: `≤ ${FIRST_COUNT_MS} ms (issue 18)` },
      ok: blocked.p50 <= FIRST_COUNT_MS,
      value: `${fresh}; slowest ${Math.max(...cold.map((probe) => probe.firstCount!.ms)).toFixed(0)} ms`,
    },
    {
      section,
      name: "first countTokens of a process: RSS added",
      target: { label: `≤ ${FIRST_COUNT_MB} MB (issue 18)` },
      ok: median(rssAdded) <= FIRST_COUNT_MB,
      value: `+${median(rssAdded).toFixed(0)} MB (${fresh}; most +${Math.max(...rssAdded).toFixed(0)} MB)`,
    },
    {
      section,
      name: 'warmUpTokenizers(["gpt-4o"]) at start-up: longest event-loop block',
      latency: summarise(warmed.map((probe) => probe.warmUp![0]!.longestBlockMs)),
      value: fresh,
      note: "paid before the server accepts requests",
    },
    {
      section,
      name: "first countTokens after warmUpTokenizers",
      latency: summarise(warmed.map((probe) => probe.firstCount!.ms)),
      value: `RSS +${median(warmed.map((probe) => probe.firstCount!.rssAddedMb)).toFixed(0)} MB (${fresh})`,
    },
  ];
}
