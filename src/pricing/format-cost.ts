import { InputError } from "../errors";

/** The smallest amount shown with four decimals; smaller ones keep two significant digits. */
const FOUR_DECIMALS_FROM = 0.0001;

/** A positive amount under $0.0001 with two significant digits, without exponent notation. */
function twoSignificantDigits(usd: number): string {
  const [mantissa, exponentText] = usd.toExponential(1).split("e") as [string, string]; // "3.3", "-5"
  const exponent = Number(exponentText);
  if (exponent >= -4) return usd.toFixed(4); // rounded up to $0.0001
  return `0.${"0".repeat(-exponent - 1)}${mantissa.replace(".", "")}`;
}

/**
 * Formats a dollar amount for people: four decimals (`0.0001` → "$0.0001", `0` → "$0.0000",
 * `12.5` → "$12.5000"), and amounts under $0.0001 with two significant digits
 * (`0.0000327` → "$0.000033") so a cheap call never shows as zero. Negative amounts read "-$…".
 *
 * @param usd - an amount in US dollars.
 * @throws InputError when the amount is NaN or infinite.
 */
export function formatCost(usd: number): string {
  if (!Number.isFinite(usd)) throw new InputError(`formatCost needs a finite amount of dollars; got ${String(usd)}.`);
  if (usd === 0) return "$0.0000";
  const amount = Math.abs(usd);
  const digits = amount >= FOUR_DECIMALS_FROM ? amount.toFixed(4) : twoSignificantDigits(amount);
  return `${usd < 0 ? "-" : ""}$${digits}`;
}

/** The most decimals a column of amounts is shown with. */
const MAX_COLUMN_DECIMALS = 12;

/**
 * A formatter for a column of amounts that shows every amount with the same number of decimals,
 * so that neighbours compare at a glance: four, or more when the smallest non-zero amount needs
 * them for two significant digits (`[0.0047, 0.000109]` → "$0.00470", "$0.00011";
 * `[0.000109, 0.000067]` → "$0.000109", "$0.000067").
 *
 * @param amounts - the amounts of the column, in US dollars.
 * @throws InputError when an amount is NaN or infinite.
 */
export function costColumnFormatter(amounts: readonly number[]): (usd: number) => string {
  let smallest = Infinity;
  for (const usd of amounts) {
    if (!Number.isFinite(usd)) throw new InputError(`A cost column needs finite amounts of dollars; got ${String(usd)}.`);
    if (usd !== 0) smallest = Math.min(smallest, Math.abs(usd));
  }
  const needed = smallest === Infinity ? 4 : Math.max(4, 1 - Math.floor(Math.log10(smallest)));
  const decimals = Math.min(needed, MAX_COLUMN_DECIMALS);
  return (usd) => `${usd < 0 ? "-" : ""}$${Math.abs(usd).toFixed(decimals)}`;
}
