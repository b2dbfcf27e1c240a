import { ConfigurationError, InputError } from "../../src/errors";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { fakeDateOnly } from "../helpers/fake-date";
import { freshStore, STORE_KINDS, type TestStore } from "../helpers/ledger-stores";
import { openAIEmbeddingsAt } from "../helpers/stand-ins";
import { drain, QUESTION } from "../reliability/support/outcomes";
import { useRig } from "../reliability/support/rigs";

/** A call row as either driver returns it, flags and times made comparable. */
function normalised(row: Record<string, unknown>): Record<string, unknown> {
  return { ...row, at: new Date(row.at as string).toISOString(), estimated: Boolean(row.estimated), priced: Boolean(row.priced) };
}

const LABELS = { role: "rag", langgraph_node: "answer", thread_id: "thread-1", tenant: "acme" };

describe.each(STORE_KINDS)("the %s ledger's rows", (kind) => {
  const openai = useRig("openai");
  const bedrock = useRig("bedrock");
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore(kind);
  });
  afterEach(async () => {
    await store.remove();
  });

  test("one row per call with every field, committed when the call returns: chat, stream and embeddings", async () => {
    const ledger = store.ledger({ dimensions: ["tenant"] });
    const tracker = new CostTracker({ ledger });
    openai.server.reply({ text: "hello", usage: { inputTokens: 120, outputTokens: 30, cacheReadTokens: 20 } });
    const chat = await openai.provider({ tracker }).complete({ messages: QUESTION, metadata: LABELS });
    // Read through a connection of its own, before the ledger closes: the row is committed on return.
    const [chatRow] = await store.sql("SELECT * FROM orchestratai_llm_calls");
    const [tracked] = tracker.calls;
    expect(normalised(chatRow!)).toEqual({
      id: tracked!.id,
      at: tracked!.at.toISOString(),
      kind: "chat",
      provider: "openai",
      requested_model: "gpt-4o",
      model: "gpt-4o-2024-08-06",
      role: "rag",
      node: "answer",
      thread_id: "thread-1",
      dim_tenant: "acme",
      tokens_input: 120,
      tokens_output: 30,
      cache_read: 20,
      cache_write: 0,
      reasoning: null,
      cache_write_1h: null,
      service_tier: null,
      cost: chat.cost,
      estimated: false,
      priced: true,
      priced_source: "built-in",
      priced_model: "gpt-4o-2024-08-06",
      priced_checked: tracked!.pricedWith!.checked,
      unpriced_tier: null,
    });
    expect(chat.cost).toBeCloseTo((100 * 2.5 + 20 * 1.25 + 30 * 10) / 1e6, 15);

    bedrock.server.reply({ text: "streamed answer", usage: { inputTokens: 200, outputTokens: 40, cacheReadTokens: 10, cacheWriteTokens: 30 } });
    const { chunks, error } = await drain(bedrock.provider({ tracker }).stream({ messages: QUESTION, metadata: { tenant: "beta" } }));
    expect(error).toBeUndefined();
    openai.server.reply({ usage: { inputTokens: 500 } });
    const embedded = await openAIEmbeddingsAt(openai.server, { tracker, model: "text-embedding-3-small" }).embed({ texts: ["a", "b"] });

    const rows = await store.sql("SELECT id, kind, provider, requested_model, model, tokens_input, tokens_output, cache_read, cache_write, cost, dim_tenant, role FROM orchestratai_llm_calls ORDER BY at, kind");
    expect(rows.slice(1)).toEqual([
      {
        id: tracker.calls[1]!.id,
        kind: "chat",
        provider: "bedrock",
        requested_model: "anthropic.claude-3-haiku-20240307-v1:0",
        model: "anthropic.claude-3-haiku-20240307-v1:0",
        tokens_input: 240,
        tokens_output: 40,
        cache_read: 10,
        cache_write: 30,
        cost: chunks.at(-1)!.result!.cost,
        dim_tenant: "beta",
        role: null,
      },
      {
        id: tracker.calls[2]!.id,
        kind: "embeddings",
        provider: "openai",
        requested_model: "text-embedding-3-small",
        model: "text-embedding-3-small",
        tokens_input: 500,
        tokens_output: 0,
        cache_read: 0,
        cache_write: 0,
        cost: embedded.cost,
        dim_tenant: null,
        role: null,
      },
    ]);
    expect(chunks.at(-1)!.result!.cost).toBeCloseTo((240 * 0.25 + 40 * 1.25) / 1e6, 15); // no cache prices for Claude 3 Haiku: input rate
    expect(embedded.cost).toBeCloseTo((500 * 0.02) / 1e6, 15);
    await ledger.close();
  });

  test("reasoning tokens, calls priced by genai-prices and tiers without a price of their own: in the row, the totals and the report", async () => {
    const ledger = store.ledger();
    const tracker = new CostTracker({ ledger });
    const call = (source: "built-in" | "genai-prices", reasoning: number, unpricedTier?: string) => ({
      content: "",
      model: "gpt-5",
      provider: "openai" as const,
      tokensInput: 100,
      tokensOutput: 50,
      cost: 0.25,
      usage: { input: 100, output: 50, cacheRead: 0, cacheWrite: 0, reasoning },
      estimated: false,
      pricedWith: { source, model: "gpt-5", ...(unpricedTier === undefined ? {} : { unpricedTier }) },
    });
    tracker.record(call("genai-prices", 20));
    tracker.record(call("built-in", 5, "flex"));
    await ledger.close();
    const reopened = store.ledger();
    expect(await store.sql("SELECT reasoning, priced_source, unpriced_tier FROM orchestratai_llm_calls ORDER BY reasoning")).toEqual([
      { reasoning: 5, priced_source: "built-in", unpriced_tier: "flex" },
      { reasoning: 20, priced_source: "genai-prices", unpriced_tier: null },
    ]);
    expect((await reopened.totals()).tokensReasoning).toBe(25);
    const report = await reopened.report();
    expect(report.split("\n")[0]).toBe(tracker.report().split("\n")[0]);
    expect(report).toContain("1 call(s) priced by genai-prices");
    expect(report).toContain("1 call(s) served at a service tier with no price of its own");
    await reopened.close();
  });

  test("a call written twice (two trackers, two ledgers, one store) is one row, its cost counted once", async () => {
    const first = store.ledger();
    const second = store.ledger();
    const viaProvider = new CostTracker({ ledger: first });
    const viaCallbacks = new CostTracker({ ledger: second });
    openai.server.reply({ usage: { inputTokens: 1000, outputTokens: 100 } });
    const result = await openai.provider({ tracker: viaProvider }).complete({ messages: QUESTION, callbacks: [viaCallbacks] });
    expect(viaProvider.calls[0]!.id).toBe(viaCallbacks.calls[0]!.id);
    const totals = await first.totals();
    expect([totals.calls, totals.costUsd]).toEqual([1, result.cost]);
    expect(await store.sql("SELECT dimension, usd FROM orchestratai_llm_spend WHERE dimension = 'all'")).toEqual([{ dimension: "all", usd: result.cost }]);
    await Promise.all([first.close(), second.close()]);
  });

  test("a value with half an emoji (a lone surrogate, from a cut string) is stored as U+FFFD, never failing the write", async () => {
    const ledger = store.ledger({ dimensions: ["tenant"] });
    const tracker = new CostTracker({ ledger });
    openai.server.reply({ usage: { inputTokens: 10, outputTokens: 1 } });
    const cut = "acme 🚀".slice(0, -1); // "acme \ud83d"
    await openai.provider({ tracker }).complete({ messages: QUESTION, metadata: { tenant: cut, thread_id: cut } });
    const totals = await ledger.totals({ by: "tenant" });
    expect(Object.keys(totals.groups!)).toEqual(["acme \uFFFD"]);
    expect(await store.sql("SELECT thread_id FROM orchestratai_llm_calls")).toEqual([{ thread_id: "acme \uFFFD" }]);
    await ledger.close();
  });

  test("totals and report: the tracker's shapes and table, over a time window, filtered and grouped by a dimension", async () => {
    fakeDateOnly(); // calls on two days
    try {
      const ledger = store.ledger({ dimensions: ["tenant"] });
      const tracker = new CostTracker({ ledger });
      const provider = openai.provider({ tracker });
      const call = async (at: string, tenant: string, role: string, usage: { inputTokens: number; outputTokens: number }) => {
        jest.setSystemTime(new Date(at));
        openai.server.reply({ usage });
        await provider.complete({ messages: QUESTION, metadata: { tenant, role } });
      };
      await call("2026-11-30T10:00:00Z", "acme", "rag", { inputTokens: 100, outputTokens: 10 });
      await call("2026-12-01T09:00:00Z", "acme", "cag", { inputTokens: 200, outputTokens: 20 });
      await call("2026-12-01T11:00:00Z", "beta", "rag", { inputTokens: 300, outputTokens: 30 });
      jest.setSystemTime(new Date("2026-12-01T12:00:00Z"));
      tracker.record({ content: "", model: "mystery-model", provider: "openai", tokensInput: 7, tokensOutput: 0, cost: 0, usage: { input: 7, output: 0, cacheRead: 0, cacheWrite: 0 }, estimated: true }, { priced: false });
      await ledger.close(); // waits for the recorded call's row (tracker.record() returns before it is written)

      const reader = store.ledger();
      const totals = await reader.totals();
      expect({ ...totals, byModel: undefined }).toEqual({ ...tracker.totals(), byModel: undefined });
      expect(totals.byModel).toEqual(tracker.totals().byModel);
      expect(await reader.report()).toBe(tracker.report());
      expect([totals.calls, totals.unpriced, totals.estimated, totals.tokensInput]).toEqual([4, 1, 1, 607]);

      const cost = (input: number, output: number) => (input * 2.5 + output * 10) / 1e6;
      const byTenant = await reader.totals({ by: "tenant", since: "2026-12-01" });
      expect(byTenant.calls).toBe(3);
      expect(byTenant.groups).toEqual({
        acme: { calls: 1, costUsd: cost(200, 20), tokensInput: 200, tokensOutput: 20 },
        beta: { calls: 1, costUsd: cost(300, 30), tokensInput: 300, tokensOutput: 30 },
      });
      expect((await reader.totals({ until: "2026-12-01" })).calls).toBe(1);
      expect((await reader.totals({ since: "2h" })).calls).toBe(2); // 10:00 onwards, "now" being 12:00
      expect((await reader.totals({ since: new Date("2026-12-02T00:00:00Z") })).calls).toBe(0);
      const acme = await reader.totals({ where: { tenant: "acme" }, by: "role" });
      expect(acme.groups).toEqual({ rag: expect.objectContaining({ calls: 1 }), cag: expect.objectContaining({ calls: 1 }) });
      expect(acme.costUsd).toBeCloseTo(cost(100, 10) + cost(200, 20), 15);

      const report = await reader.report({ by: "tenant", where: { role: "rag" } });
      expect(report.split("\n").slice(0, 6)).toEqual([
        "LLM cost: $0.0014 over 2 call(s), 400 tokens in / 40 out",
        "",
        "by tenant  calls  tokens in  tokens out      cost  share",
        "beta           1        300          30  $0.00105  75.0%",
        "acme           1        100          10  $0.00035  25.0%",
        "",
      ]);
      await reader.close();
    } finally {
      jest.useRealTimers();
    }
  });

  test("a query names what it cannot read: unknown keys (with the recorded dimensions), bad times, non-string values", async () => {
    const ledger = store.ledger({ dimensions: ["tenant"] });
    await expect(ledger.totals({ by: "team" })).rejects.toThrow(new InputError('"team" is not a key of this ledger: use role, node, model, requestedModel, thread, provider, kind or a recorded dimension (recorded: tenant).'));
    await expect(ledger.totals({ since: "yesterday" })).rejects.toThrow(/since must be a Date, an ISO date or time .* got "yesterday"/);
    await expect(ledger.report({ until: new Date("nope") })).rejects.toThrow("until is an invalid Date.");
    await expect(ledger.totals({ where: { tenant: 3 as unknown as string } })).rejects.toThrow("where.tenant must be a string; got 3.");
    await ledger.close();
  });

  test("the schema is versioned: created once, a new dimension adds a column, a newer schema is refused", async () => {
    const plain = store.ledger();
    const tracker = new CostTracker({ ledger: plain });
    openai.server.reply({ usage: { inputTokens: 10, outputTokens: 1 } });
    await openai.provider({ tracker }).complete({ messages: QUESTION, metadata: { tenant: "acme" } });
    await plain.close();
    const withTenant = store.ledger({ dimensions: ["tenant"] });
    const tenantTracker = new CostTracker({ ledger: withTenant });
    openai.server.reply({ usage: { inputTokens: 20, outputTokens: 2 } });
    await openai.provider({ tracker: tenantTracker }).complete({ messages: QUESTION, metadata: { tenant: "acme" } });
    const totals = await withTenant.totals({ by: "tenant" });
    expect([totals.calls, totals.groups!.acme!.calls]).toEqual([2, 1]); // the row written before the column existed has no value
    await withTenant.close();
    expect(await store.sql("SELECT version FROM orchestratai_llm_schema")).toEqual([{ version: 1 }]);

    await store.sql("UPDATE orchestratai_llm_schema SET version = 99");
    const newer = async () => {
      const ledger = store.ledger();
      try {
        await ledger.totals();
      } finally {
        await ledger.close();
      }
    };
    await expect(newer()).rejects.toThrow(ConfigurationError);
    await expect(newer()).rejects.toThrow(/has ledger schema version 99, newer than this version of @orchestratai\/llm knows \(1\): upgrade/);
  });
});
