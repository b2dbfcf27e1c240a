import { InputError } from "../../src/errors";
import { CostTracker } from "../../src/tracking/cost-tracker";
import type { TrackedCall } from "../../src/tracking/totals";
import type { LLMCallResult } from "../../src/types";
import { syntheticCall as call } from "../helpers/synthetic-call";
import { ScriptedChatModel } from "../helpers/scripted-chat-model";
import { QUESTION } from "../reliability/support/outcomes";
import { useRig } from "../reliability/support/rigs";

describe("a tracker's window of calls", () => {
  it("`calls` is the window of the most recent maxCalls, oldest first, as a copy", () => {
    const tracker = new CostTracker({ maxCalls: 3 });
    for (const cost of [1, 2, 3, 4, 5]) tracker.record(call(cost));
    const calls = tracker.calls as TrackedCall[];
    expect(calls.map((c) => c.cost)).toEqual([3, 4, 5]);
    calls.length = 0;
    expect(tracker.calls).toHaveLength(3);
    expect(tracker.totals().costUsd).toBe(15);
    expect(new CostTracker({ maxCalls: 0 }).record(call(1)).cost).toBe(1);
    const everything = new CostTracker({ maxCalls: Infinity });
    for (let i = 0; i < 1500; i += 1) everything.record(call(1));
    expect(everything.calls).toHaveLength(1500);
  });

  it.each([-1, 2.5, Number.NaN])("maxCalls %p is an InputError", (maxCalls) => {
    expect(() => new CostTracker({ maxCalls })).toThrow(/maxCalls must be a whole number, 0 or more, or Infinity/);
  });

  it("keeps no raw response unless keepRaw is set", () => {
    expect("raw" in new CostTracker().record(call(1))).toBe(false);
    expect(new CostTracker({ keepRaw: true }).record(call(1)).raw).toEqual({ big: "x".repeat(2000) });
  });
});

describe("tracker.record() refuses what would corrupt the books", () => {
  const tracker = new CostTracker({ budgetUsd: 1 });

  it.each<[string, unknown, RegExp]>([
    ["null", null, /needs an LLMCallResult .* got null/],
    ["a string", "0.1", /needs an LLMCallResult .* got string/],
    ["a NaN cost", { ...call(0), cost: Number.NaN }, /cost must be a finite number, 0 or more; got null/],
    ["a string cost", { ...call(0), cost: "0.5" }, /cost must be a finite number, 0 or more; got "0.5"/],
    ["a negative cost", { ...call(0), cost: -1 }, /cost must be a finite number/],
    ["an infinite token count", { ...call(0), tokensInput: Infinity }, /tokensInput must be a finite number/],
    ["no usage", { ...call(0), usage: undefined }, /usage must be a TokenUsage object/],
    ["a negative cache count", { ...call(0), usage: { input: 1, output: 1, cacheRead: -1, cacheWrite: 0 } }, /usage.cacheRead must be a finite number/],
    ["no model", { ...call(0), model: "" }, /model must be the model id/],
  ])("%s", (_case, result, message) => {
    expect(() => tracker.record(result as LLMCallResult)).toThrow(InputError);
    expect(() => tracker.record(result as LLMCallResult)).toThrow(message);
    expect(tracker.totals()).toMatchObject({ calls: 0, costUsd: 0 });
  });

  it("a recorded call counts against the budget at once", async () => {
    const budgeted = new CostTracker({ budgetUsd: 1, reserveOutputTokens: 0 });
    budgeted.record(call(1));
    const chat = new ScriptedChatModel({ answers: [{ text: "never" }], model: "gpt-4o" });
    const error = jest.spyOn(console, "error").mockImplementation(() => {});
    await expect(chat.invoke("q", { callbacks: [budgeted] })).rejects.toThrow("Budget exceeded: $1.0000 spent of a $1.0000 budget.");
    error.mockRestore();
    expect(chat.answers).toHaveLength(1);
  });
});

describe("a throwing onResult hook does not undo a billed call", () => {
  const rig = useRig("openai");

  it("the call returns its result, stays in the books, and the hook's error is reported once, by name", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const tracker = new CostTracker({
        onResult: () => {
          throw new Error("dashboard down");
        },
      });
      rig.server.reply({ text: "Paris.", usage: { inputTokens: 100, outputTokens: 10 } });
      const result = await rig.provider({ tracker }).complete({ messages: QUESTION });
      expect(result).toMatchObject({ content: "Paris.", tokensInput: 100 });
      expect(tracker.totals()).toMatchObject({ calls: 1, costUsd: result.cost });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toBe("CostTracker: the onResult hook threw (dashboard down); the call is recorded and its result returned.");
    } finally {
      warn.mockRestore();
    }
  });
});

describe("a stream cut off part-way is estimated from its text, once", () => {
  it("counts each streamed chunk once though the same tracker is on the model and on the call", async () => {
    const tracker = new CostTracker();
    const chat = new ScriptedChatModel({ answers: [{ text: "alpha beta gamma delta", failAfterChunks: 2 }], model: "gpt-4o", callbacks: [tracker] });
    await expect(async () => {
      for await (const _ of await chat.stream("q", { callbacks: [tracker] })) void _;
    }).rejects.toThrow("terminated");
    expect(tracker.calls).toHaveLength(1);
    expect(tracker.calls[0]).toMatchObject({ estimated: true, content: "alpha beta " });
  });
});
