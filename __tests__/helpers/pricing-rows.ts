import { PRICING, type ModelPricing } from "../../src/pricing";

/** The built-in pricing row of `id`; throws when the table has none, so a test never reads undefined. */
export function builtInPricing(id: string): ModelPricing {
  const row = PRICING[id];
  if (row === undefined) throw new Error(`no built-in row ${id}`);
  return row;
}
