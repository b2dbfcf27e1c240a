import type { CostBucket, CostTotals, TrackedCall } from "./totals";

/** A group's spend with the counts the report shows and flags. */
export interface GroupTotals extends CostBucket {
  /** Output tokens spent reasoning (part of `tokensOutput`). */
  tokensReasoning: number;
  estimated: number;
  unpriced: number;
  /** Calls priced by the second price source (genai-prices). */
  secondSource: number;
  /** Calls served at a service tier without a rate of its own, priced at standard rates. */
  unpricedTier: number;
  /** Calls a role's fallback chain sent to a later model; absent where the books do not record it (a ledger's). */
  fellBack?: number;
}

/** The dimensions calls are grouped by. */
export type GroupKey = "model" | "role" | "node";

function emptyGroup(): GroupTotals {
  return { costUsd: 0, tokensInput: 0, tokensOutput: 0, tokensReasoning: 0, calls: 0, estimated: 0, unpriced: 0, secondSource: 0, unpricedTier: 0, fellBack: 0 };
}

function addTo(group: GroupTotals, call: TrackedCall): void {
  group.costUsd += call.cost;
  group.tokensInput += call.tokensInput;
  group.tokensOutput += call.tokensOutput;
  group.tokensReasoning += call.usage.reasoning ?? 0;
  group.calls += 1;
  if (call.estimated) group.estimated += 1;
  if (!call.priced) group.unpriced += 1;
  const provenance = call.pricedWith;
  if (provenance?.source === "genai-prices") group.secondSource += 1;
  if (provenance?.unpricedTier !== undefined) group.unpricedTier += 1;
  if (call.fellBackFrom !== undefined) group.fellBack = (group.fellBack ?? 0) + 1;
}

/** A group's spend and tokens, without its flag counts. */
export function bucketOf(group: GroupTotals): CostBucket {
  return { costUsd: group.costUsd, tokensInput: group.tokensInput, tokensOutput: group.tokensOutput, calls: group.calls };
}

/** The buckets of named groups, by name. */
export function bucketsOf(groups: ReadonlyMap<string, GroupTotals>): Record<string, CostBucket> {
  const buckets: Record<string, CostBucket> = {};
  for (const [name, group] of groups) buckets[name] = bucketOf(group);
  return buckets;
}

/**
 * Totals kept up to date as each call is recorded, so that reading them costs the same after a
 * million calls as after ten: overall, and by model, role and node, calls without a role or node
 * kept apart.
 */
export class RunningTotals {
  private overall = emptyGroup();
  private groups: Record<GroupKey, Map<string, GroupTotals>> = { model: new Map(), role: new Map(), node: new Map() };
  private outside: Record<GroupKey, GroupTotals> = { model: emptyGroup(), role: emptyGroup(), node: emptyGroup() };

  /** Adds one recorded call. */
  add(call: TrackedCall): void {
    addTo(this.overall, call);
    this.addToGroup("model", call.model, call);
    this.addToGroup("role", call.role, call);
    this.addToGroup("node", call.node, call);
  }

  /** A copy of the totals, in the public shape. */
  snapshot(reservedUsd: number): CostTotals {
    return {
      ...bucketOf(this.overall),
      tokensReasoning: this.overall.tokensReasoning,
      unpriced: this.overall.unpriced,
      estimated: this.overall.estimated,
      reservedUsd,
      byModel: bucketsOf(this.groups.model),
      byRole: bucketsOf(this.groups.role),
      byNode: bucketsOf(this.groups.node),
    };
  }

  /** The overall totals with their flag counts. */
  all(): Readonly<GroupTotals> {
    return this.overall;
  }

  /** The groups of one dimension, and the calls with no value for it (no role, outside any node). */
  groupsOf(key: GroupKey): { groups: ReadonlyMap<string, Readonly<GroupTotals>>; outside: Readonly<GroupTotals> } {
    return { groups: this.groups[key], outside: this.outside[key] };
  }

  /** Forgets everything. */
  reset(): void {
    this.overall = emptyGroup();
    this.groups = { model: new Map(), role: new Map(), node: new Map() };
    this.outside = { model: emptyGroup(), role: emptyGroup(), node: emptyGroup() };
  }

  private addToGroup(key: GroupKey, name: string | undefined, call: TrackedCall): void {
    if (name === undefined) return addTo(this.outside[key], call);
    const groups = this.groups[key];
    let group = groups.get(name);
    if (group === undefined) groups.set(name, (group = emptyGroup()));
    addTo(group, call);
  }
}
