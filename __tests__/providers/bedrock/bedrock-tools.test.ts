import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { ChatBedrockConverse } from "@langchain/aws";
import { useBedrockStandIn } from "../../helpers/stand-ins";
import { CostTracker } from "../../../src/tracking/cost-tracker";
import { providerFor, SONNET_35 } from "./bedrock-rig";

const server = useBedrockStandIn();

const getWeather = tool(async ({ city }: { city: string }) => `Sunny in ${city}`, {
  name: "get_weather",
  description: "The current weather of a city.",
  schema: z.object({ city: z.string().describe("City name") }),
});

interface ToolSpecBody {
  toolConfig?: { tools?: { toolSpec?: { name?: string; inputSchema?: { json?: { required?: string[] } } } }[]; toolChoice?: unknown };
}

describe("provider.chatModel is the real ChatBedrockConverse: tools and structured output work, and are priced", () => {
  it("bindTools sends the tool spec and returns Bedrock's tool call; the tracker prices the call", async () => {
    const tracker = new CostTracker();
    const provider = providerFor(server.url, { tracker });
    expect(provider.chatModel).toBeInstanceOf(ChatBedrockConverse);
    server.reply({ toolCalls: [{ name: "get_weather", args: { city: "Lisbon" }, id: "tooluse_1" }], usage: { inputTokens: 300, outputTokens: 40 } });
    const message = await provider.chatModel.bindTools([getWeather]).invoke("What's the weather in Lisbon?");
    expect(message.tool_calls).toEqual([{ id: "tooluse_1", name: "get_weather", args: { city: "Lisbon" }, type: "tool_call" }]);
    expect(message.response_metadata.stopReason).toBe("tool_use");
    const spec = (server.requests[0]?.body as ToolSpecBody).toolConfig?.tools?.[0]?.toolSpec;
    expect(spec?.name).toBe("get_weather");
    expect(spec?.inputSchema?.json?.required).toEqual(["city"]);
    expect(tracker.calls).toHaveLength(1);
    expect(tracker.calls[0]).toMatchObject({ model: SONNET_35, tokensInput: 300, tokensOutput: 40, estimated: false });
    expect(tracker.calls[0]?.cost).toBeCloseTo((300 * 3 + 40 * 15) / 1e6, 12);
  });

  it("withStructuredOutput (zod) forces the extraction tool and parses its arguments", async () => {
    const Invoice = z.object({ number: z.string(), totalUsd: z.number(), paid: z.boolean() });
    server.reply({ toolCalls: [{ name: "Invoice", args: { number: "INV-4711", totalUsd: 1234.56, paid: false } }] });
    const invoice = await providerFor(server.url).chatModel.withStructuredOutput(Invoice, { name: "Invoice" }).invoke("Invoice INV-4711 over $1,234.56 is open.");
    expect(invoice).toEqual({ number: "INV-4711", totalUsd: 1234.56, paid: false });
    const toolConfig = (server.requests[0]?.body as ToolSpecBody).toolConfig;
    expect(toolConfig?.tools?.[0]?.toolSpec?.name).toBe("Invoice");
    expect(toolConfig?.toolChoice).toEqual({ tool: { name: "Invoice" } });
  });

  it("withStructuredOutput gets schema-conforming output when the model picks the values (stand-in default)", async () => {
    const Person = z.object({ name: z.string(), age: z.number() });
    const person = await providerFor(server.url).chatModel.withStructuredOutput(Person).invoke("Ada, 36.");
    expect(Person.safeParse(person).success).toBe(true);
  });

  it("streams tool calls through the chat model too", async () => {
    server.reply({ toolCalls: [{ name: "get_weather", args: { city: "Oslo" }, id: "tooluse_2" }] });
    let merged;
    for await (const chunk of await providerFor(server.url).chatModel.bindTools([getWeather]).stream("Weather in Oslo?")) {
      merged = merged === undefined ? chunk : merged.concat(chunk);
    }
    expect(merged?.tool_calls).toEqual([{ id: "tooluse_2", name: "get_weather", args: { city: "Oslo" }, type: "tool_call" }]);
    expect(server.requests[0]?.operation).toBe("converse-stream");
  });
});
