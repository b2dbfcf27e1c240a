import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { InputError, LLMError } from "../errors";
import { postgresLedger } from "../ledger/postgres-ledger";
import { sqliteLedger } from "../ledger/sqlite-ledger";
import type { CostLedger, LedgerQuery } from "../ledger/ledger-types";

/** Where the command writes. */
export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

/** The command's usage text. */
export const COSTS_USAGE = `Usage: orchestratai-llm costs --ledger <sqlite file | postgres url> [options]

Prints what a cost ledger recorded: totals, then tables by node, role and model.

  --ledger <where>    a SQLite file (costs.db) or a PostgreSQL url (postgresql://user@host:5432/db)
  --since <when>      from an ISO date or time (2026-12-01, 2026-12-01T08:00:00Z) or a duration back from now (24h, 7d, 30m)
  --until <when>      before that instant (same forms)
  --by <key>          a table by this key too: node, role, model, requestedModel, thread, provider, kind or a recorded dimension
  --where <key=value> only calls with that value (repeatable), e.g. --where tenant=acme
  --json              the totals as JSON instead of the table
  --help              this text
`;

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

function openLedger(where: string): CostLedger {
  if (POSTGRES_URL.test(where)) return postgresLedger({ connectionString: where });
  if (!existsSync(where)) throw new InputError(`No ledger at ${where}: give the SQLite file a tracker writes to, or a postgresql:// url.`);
  return sqliteLedger({ path: where });
}

function whereOf(pairs: readonly string[]): Record<string, string> | undefined {
  if (pairs.length === 0) return undefined;
  const where: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new InputError(`--where takes key=value (e.g. --where tenant=acme); got "${pair}".`);
    where[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return where;
}

/** `costs`: prints `ledger.report()` (or `totals()` as JSON with `--json`). @returns the exit code. */
export async function costsCommand(args: readonly string[], output: CommandOutput): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        ledger: { type: "string" },
        since: { type: "string" },
        until: { type: "string" },
        by: { type: "string" },
        where: { type: "string", multiple: true },
        json: { type: "boolean" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    output.err(`${(error as Error).message}\n\n${COSTS_USAGE}`);
    return 2;
  }
  if (values.help === true) {
    output.out(COSTS_USAGE);
    return 0;
  }
  if (values.ledger === undefined) {
    output.err(`--ledger is required.\n\n${COSTS_USAGE}`);
    return 2;
  }
  let ledger: CostLedger | undefined;
  try {
    const query: LedgerQuery = { since: values.since, until: values.until, by: values.by, where: whereOf(values.where ?? []) };
    ledger = openLedger(values.ledger);
    output.out(values.json === true ? `${JSON.stringify(await ledger.totals(query), null, 2)}\n` : `${await ledger.report(query)}\n`);
    return 0;
  } catch (error) {
    output.err(`${error instanceof LLMError ? error.message : `The ledger could not be read: ${(error as Error).message}`}\n`);
    return 1;
  } finally {
    await ledger?.close();
  }
}
