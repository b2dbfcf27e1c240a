import { FakeLLM } from "@langchain/core/utils/testing";
import { HumanMessage } from "@langchain/core/messages";
import { BudgetExceededError } from "../../src/errors";
import { PriceList } from "../../src/pricing";
import { CallRun, type RunParticipant } from "../../src/tracking/call-run";
import { CostTracker } from "../../src/tracking/cost-tracker";
import type { PricedCall } from "../../src/tracking/priced-call";
import { worstCaseUsd } from "../../src/tracking/worst-case";
import { ScriptedChatModel } from "../helpers/scripted-chat-model";

const FACTS = {
  provider: "openai" as const,
  model: "gpt-4o",
  requestedModel: "gpt-4o",
  content: "hi",
  usage: { input: 100, output: 10, cacheRead: 0, cacheWrite: 0 },
  estimated: false,
};

function newRun(endedBy: "provider" | "callbacks" = "provider"): CallRun {
  return new CallRun({ provider: "openai", requestedModel: "gpt-4o", prompt: [new HumanMessage("Count these words")], prices: PriceList.builtIn(), endedBy });
}

/** A participant that writes down what it was told. */
function listener(): RunParticipant & { heard: string[]; records: PricedCall[] } {
  const heard: string[] = [];
  const records: PricedCall[] = [];
  return {
    heard,
    records,
    runSettled: async (_run, priced) => {
      heard.push("settled");
      records.push(priced);
    },
    runReleased: async () => {
      heard.push("released");
    },
  };
}

describe("CallRun: one outcome, told once to every participant", () => {
  it("prices once: a second settle returns the first record, and each participant hears of it once", async () => {
    const run = newRun();
    const [a, b] = [listener(), listener()];
    expect([run.join(a), run.join(b), run.join(a)]).toEqual([true, true, false]);
    const first = await run.settle(FACTS);
    const second = await run.settle({ ...FACTS, usage: { ...FACTS.usage, input: 999 } });
    expect(second).toBe(first);
    expect(await run.settleEstimated("other text")).toBe(first);
    expect(first.result.cost).toBeCloseTo((100 * 2.5 + 10 * 10) / 1e6, 15);
    expect([a.heard, b.heard]).toEqual([["settled"], ["settled"]]);
    expect(a.records[0]).toBe(b.records[0]);
    expect(run.join(listener())).toBe(false);
  });

  it("a released run stays released: settling it afterwards is an error, failing it bills nothing", async () => {
    const run = newRun();
    const a = listener();
    run.join(a);
    await run.release();
    await expect(run.settle(FACTS)).rejects.toThrow(/ended without a bill; it cannot be settled/);
    expect(await run.fail("text")).toBeUndefined();
    expect(a.heard).toEqual(["released"]);
  });

  it("fail() bills an estimate only once the provider had accepted the request", async () => {
    const refused = newRun();
    expect(await refused.fail("partial")).toBeUndefined();
    const accepted = newRun();
    accepted.accepted = true;
    const billed = await accepted.fail("alpha beta");
    expect(billed?.result).toMatchObject({ estimated: true, content: "alpha beta", tokensOutput: 2 });
  });

  it("takes each streamed chunk once, and a token without a chunk only from its first participant", () => {
    const run = newRun("callbacks");
    const [first, second] = [listener(), listener()];
    run.join(first);
    run.join(second);
    const chunk = { message: { usage_metadata: { input_tokens: 5, output_tokens: 1, total_tokens: 6 } } };
    run.addToken(first, "a", chunk);
    run.addToken(second, "a", chunk);
    run.addToken(second, "b", undefined);
    run.addToken(first, "c", undefined);
    expect(run.text).toBe("ac");
    expect(run.accepted).toBe(true);
    expect(run.streamedUsage).toEqual({ input_tokens: 5, output_tokens: 1, total_tokens: 6 });
  });

  it("is findable by its id while it runs, and no longer once it ended", async () => {
    const run = CallRun.open({ provider: "openai", requestedModel: "gpt-4o", prompt: [], prices: PriceList.builtIn(), endedBy: "provider" });
    expect(CallRun.find(run.id)).toBe(run);
    await run.release();
    expect(CallRun.find(run.id)).toBeUndefined();
  });
});
describe("CallRun: participants told in order, at once when they finish at once", () => {
  it("tells a participant that finishes at once before settle returns, and waits for one that works", async () => {
    const run = newRun();
    const heard: string[] = [];
    let finishLedger!: () => void;
    const ledger: RunParticipant = {
      runSettled: () => {
        heard.push("ledger started");
        return new Promise<void>((resolve) => (finishLedger = () => (heard.push("ledger done"), resolve())));
      },
      runReleased: () => undefined,
    };
    const memory: RunParticipant = { runSettled: () => void heard.push("memory"), runReleased: () => undefined };
    run.join(memory);
    run.join(ledger);
    run.join({ runSettled: () => void heard.push("after the ledger"), runReleased: () => undefined });
    const pending = run.conclude(FACTS);
    expect(heard).toEqual(["memory", "ledger started"]);
    expect(pending).toBeInstanceOf(Promise);
    finishLedger();
    await pending;
    expect(heard).toEqual(["memory", "ledger started", "ledger done", "after the ledger"]);
  });

  it("leaves nothing to wait for when every participant finishes at once, and concludes once", () => {
    const run = newRun();
    const a = listener();
    run.join({ runSettled: (r, priced) => void a.runSettled(r, priced), runReleased: () => undefined });
    expect(run.conclude(FACTS)).toBeUndefined();
    expect(run.concludeEstimated("more text")).toBeUndefined();
    expect(a.heard).toEqual(["settled"]);
    expect(run.bill?.result.estimated).toBe(false);
  });

  it("a participant that throws makes settle reject with its error; the outcome stays fixed", async () => {
    const run = newRun();
    run.join({
      runSettled: () => {
        throw new Error("books closed");
      },
      runReleased: () => undefined,
    });
    await expect(run.settle(FACTS)).rejects.toThrow("books closed");
    expect(run.bill?.result.tokensInput).toBe(100);
  });

  it("an estimate from text when the run has not ended", () => {
    const run = newRun("callbacks");
    expect(run.concludeEstimated("four words of output")).toBeUndefined();
    expect(run.bill?.result).toMatchObject({ estimated: true, content: "four words of output" });
    expect(run.bill!.result.tokensOutput).toBeGreaterThan(0);
  });
});


describe("worst case of a call", () => {
  const prices = PriceList.builtIn();

  it("bills input above a long-context threshold at the tier's rates", () => {
    const call = { provider: "bedrock" as const, requestedModel: "anthropic.claude-sonnet-4-20250514-v1:0", prompt: [], prices };
    expect(worstCaseUsd(call, 100_000, 1000)).toBeCloseTo((100_000 * 3 + 1000 * 15) / 1e6, 15);
    expect(worstCaseUsd(call, 250_000, 1000)).toBeCloseTo((250_000 * 6 + 1000 * 22.5) / 1e6, 15);
  });

  it("bills input at the cache-write rate when the prompt writes the cache, and is 0 for an unpriced model", () => {
    const cached = [new HumanMessage({ content: [{ type: "text", text: "Long context" }, { cachePoint: { type: "default" } } as never] })];
    const call = { provider: "bedrock" as const, requestedModel: "anthropic.claude-3-5-sonnet-20241022-v2:0", prompt: cached, prices };
    expect(worstCaseUsd(call, 1000, 100)).toBeCloseTo((1000 * 3.75 + 100 * 15) / 1e6, 15);
    expect(worstCaseUsd({ ...call, prompt: [new HumanMessage("plain")] }, 1000, 100)).toBeCloseTo((1000 * 3 + 100 * 15) / 1e6, 15);
    expect(worstCaseUsd({ ...call, requestedModel: "mystery-model" }, 1000, 100)).toBe(0);
  });
});

describe("runs no party ends", () => {
  it("a stream left unread outside a provider is billed, as estimated, once it is past its time limit", async () => {
    const tracker = new CostTracker();
    const chat = new ScriptedChatModel({ answers: [{ text: "alpha beta gamma", usage: { input_tokens: 9, output_tokens: 9, total_tokens: 18 } }, { text: "next" }], model: "gpt-4o" });
    for await (const _chunk of await chat.stream("q", { callbacks: [tracker] })) break;
    expect(tracker.calls).toHaveLength(0);
    const now = Date.now();
    const clock = jest.spyOn(Date, "now").mockReturnValue(now + 11 * 60_000 + 1);
    try {
      await chat.invoke("q", { callbacks: [tracker] });
    } finally {
      clock.mockRestore();
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(tracker.calls.map((call) => [call.content, call.estimated])).toEqual([
      ["alpha ", true],
      ["next", true],
    ]);
  });
});

describe("a (non-chat) LLM run", () => {
  it("is priced and budgeted like a chat run", async () => {
    const tracker = new CostTracker({ budgetUsd: 1e-9 });
    const llm = new FakeLLM({ response: "an answer" });
    const error = jest.spyOn(console, "error").mockImplementation(() => {});
    try {
      await expect(llm.invoke("question", { callbacks: [tracker], metadata: { ls_model_name: "gpt-4o" } })).rejects.toThrow(BudgetExceededError);
    } finally {
      error.mockRestore();
    }
    const unlimited = new CostTracker();
    await llm.invoke("question", { callbacks: [unlimited], metadata: { ls_model_name: "gpt-4o" } });
    expect(unlimited.calls[0]).toMatchObject({ model: "gpt-4o", content: "an answer", estimated: true, priced: true });
  });
});

describe("usage that LangChain reports but the vendor's block does not back", () => {
  it("a negative count on the message is malformed: the tracker records a local estimate", async () => {
    const tracker = new CostTracker();
    await new ScriptedChatModel({ answers: [{ text: "x", usage: { input_tokens: -1, output_tokens: 1, total_tokens: 0 } }], model: "gpt-4o" }).invoke("q", { callbacks: [tracker] });
    expect(tracker.calls[0]).toMatchObject({ estimated: true, tokensOutput: 1 });
    expect(tracker.calls[0]!.tokensInput).toBeGreaterThan(0);
  });
});
