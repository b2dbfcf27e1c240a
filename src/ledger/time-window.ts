import { InputError } from "../errors";

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An instant of a query: a Date, an ISO date or time (a date alone is midnight UTC), or a duration
 * back from `now` ("90s", "30m", "24h", "7d", "2w").
 * @throws InputError for anything else.
 */
export function parseInstant(name: string, value: Date | string, now: number): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new InputError(`${name} is an invalid Date.`);
    return value;
  }
  const text = typeof value === "string" ? value.trim() : "";
  const duration = DURATION.exec(text);
  if (duration !== null) return new Date(now - Number(duration[1]) * UNIT_MS[duration[2]!]!);
  const parsed = ISO_DATE.test(text) ? Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text) : NaN;
  if (Number.isNaN(parsed)) {
    throw new InputError(`${name} must be a Date, an ISO date or time ("2026-12-01", "2026-12-01T08:00:00Z") or a duration back from now ("24h", "7d", "30m"); got ${JSON.stringify(value)}.`);
  }
  return new Date(parsed);
}

/** The UTC calendar day of an instant, "YYYY-MM-DD". */
export function utcDay(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** A budget's window. */
export type BudgetWindow = "day" | "month" | "all";

/** The first UTC day of the window that `now` falls in ("" for all time: every day sorts after it). */
export function windowStartDay(window: BudgetWindow, now: number): string {
  if (window === "all") return "";
  const day = utcDay(now);
  return window === "day" ? day : `${day.slice(0, 8)}01`;
}
