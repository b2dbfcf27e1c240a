import type { TracerProvider } from "@opentelemetry/api";
import { InputError } from "../../src/errors";
import { ProviderFactory } from "../../src/factory";
import { CostTracker } from "../../src/tracking/cost-tracker";
import { openAIProviderAt, useOpenAIStandIn } from "../helpers/stand-ins";
import { QUESTION } from "../reliability/support/outcomes";

describe("the telemetry option", () => {
  it.each([
    ["yes", /telemetry must be true, false or \{ tracerProvider\?, meterProvider\?, captureContent\? \}; got "yes"/],
    [null, /telemetry must be true, false or .*got null/],
    [{ tracerProvider: {} }, /telemetry\.tracerProvider must be an OpenTelemetry TracerProvider \(an object with getTracer\(\)\)/],
    [{ meterProvider: 3 }, /telemetry\.meterProvider must be an OpenTelemetry MeterProvider \(an object with getMeter\(\)\)/],
    [{ captureContent: "no" }, /telemetry\.captureContent must be true or false; got "no"/],
  ])("refuses %p at construction with InputError saying what to pass", (telemetry, message) => {
    expect(() => new CostTracker({ telemetry: telemetry as never })).toThrow(InputError);
    expect(() => new CostTracker({ telemetry: telemetry as never })).toThrow(message);
  });

  it("a factory given a tracker refuses a telemetry option of its own (the tracker's telemetry applies)", () => {
    expect(() => new ProviderFactory({ tracker: new CostTracker(), telemetry: true })).toThrow(
      new InputError("Pass telemetry to the tracker you give the factory: new CostTracker({ telemetry }); a factory given a tracker uses its telemetry."),
    );
  });

  it("without @opentelemetry/api installed, telemetry on is a ConfigurationError saying what to install; off still works", () => {
    jest.isolateModules(() => {
      jest.doMock("@opentelemetry/api", () => {
        throw new Error("Cannot find module '@opentelemetry/api'");
      });
      const { CostTracker: IsolatedTracker } = jest.requireActual<typeof import("../../src/tracking/cost-tracker")>("../../src/tracking/cost-tracker");
      const { ConfigurationError: IsolatedConfigurationError } = jest.requireActual<typeof import("../../src/errors")>("../../src/errors");
      expect(() => new IsolatedTracker({ telemetry: true })).toThrow(IsolatedConfigurationError);
      expect(() => new IsolatedTracker({ telemetry: true })).toThrow(/needs the optional peer dependency @opentelemetry\/api: run `npm install @opentelemetry\/api`/);
      expect(new IsolatedTracker({ telemetry: false }).totals().calls).toBe(0);
    });
    jest.dontMock("@opentelemetry/api");
  });
});

describe("telemetry never changes a call", () => {
  const server = useOpenAIStandIn();

  it("a tracer that throws: the call succeeds and is recorded; the failure is reported once", async () => {
    const broken = { getTracer: () => ({ startSpan: () => { throw new Error("exporter exploded"); } }) } as unknown as TracerProvider;
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const tracker = new CostTracker({ telemetry: { tracerProvider: broken } });
      const provider = openAIProviderAt(server, { tracker });
      server.reply({ text: "one", usage: { inputTokens: 10, outputTokens: 1 } });
      server.reply({ text: "two", usage: { inputTokens: 10, outputTokens: 1 } });
      expect((await provider.complete({ messages: QUESTION })).content).toBe("one");
      expect((await provider.complete({ messages: QUESTION })).content).toBe("two");
      expect(tracker.totals().calls).toBe(2);
      expect(warn.mock.calls).toEqual([["CostTracker telemetry failed (exporter exploded); calls are unaffected. Further telemetry errors are not reported."]]);
    } finally {
      warn.mockRestore();
    }
  });
});
