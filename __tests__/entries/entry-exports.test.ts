import * as root from "../../src";
import * as bedrock from "../../src/bedrock";
import * as openai from "../../src/openai";
import type { CallOptions, ChatMessage, ChatRole, CostTotals, EmbeddingResult, LLMCallResult, LLMProvider, ModelPricing, PricingTable, StreamChunk, TokenLogprob, TokenUsage, TrackedCall } from "../../src/openai";
import type { LLMCallResult as BedrockCallResult, LLMProvider as BedrockLLMProvider, TokenUsage as BedrockTokenUsage } from "../../src/bedrock";
import { BEDROCK_NAMES, CORE_NAMES, OPENAI_NAMES, OTHER_VENDOR, ROOT_NAMES } from "./api-names";

/** The types API.md names, each exported by the vendor entries (a missing one fails the typecheck). */
export type DocumentedTypes = [CallOptions, ChatMessage, ChatRole, CostTotals, EmbeddingResult, LLMCallResult, LLMProvider, ModelPricing,
  PricingTable, StreamChunk, TokenLogprob, TokenUsage, TrackedCall, BedrockCallResult, BedrockLLMProvider, BedrockTokenUsage];

const typesOf = (entry: object): Record<string, string> =>
  Object.fromEntries(Object.entries(entry).map(([name, value]) => [name, typeof value]));

describe("the entry points' sources", () => {
  it("export every documented name where API.md puts it, and no vendor entry the other vendor's classes", () => {
    expect(typesOf(root)).toMatchObject(ROOT_NAMES);
    expect(typesOf(openai)).toMatchObject(OPENAI_NAMES);
    expect(typesOf(bedrock)).toMatchObject(BEDROCK_NAMES);
    for (const name of OTHER_VENDOR.openai) expect(openai).not.toHaveProperty(name);
    for (const name of OTHER_VENDOR.bedrock) expect(bedrock).not.toHaveProperty(name);
  });

  it("re-export the same bindings: the root is the two vendor entries plus the factory", () => {
    for (const name of Object.keys(CORE_NAMES)) {
      expect(openai[name as keyof typeof openai]).toBe(root[name as keyof typeof root]);
      expect(bedrock[name as keyof typeof bedrock]).toBe(root[name as keyof typeof root]);
    }
    const vendorNames = new Set([...Object.keys(openai), ...Object.keys(bedrock)]);
    expect(Object.keys(root).filter((name) => !vendorNames.has(name)).sort()).toEqual(
      ["AgentRole", "DEFAULT_BREAKER", "FallbackChatModel", "FallbackProvider", "ProviderFactory", "ROLE_MODELS", "getProviderFactory", "isChatRole", "parseModelId"],
    );
  });
});
