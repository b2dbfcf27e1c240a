import { OpenAIProvider, type OpenAIProviderSettings } from "../../src/providers/openai/openai-provider";
import { OpenAIEmbeddingsProvider, type OpenAIEmbeddingsSettings } from "../../src/providers/openai/openai-embeddings";
import { startBedrockStandIn, startOpenAIStandIn, startStandIns, type StandIn, type StandInOptions, type StandIns } from "../../src/testing";
import { useForBlock } from "./use-for-block";

/** An OpenAI stand-in for the enclosing block: started before all its tests, reset before each, closed after all. */
export function useOpenAIStandIn(options?: StandInOptions): StandIn {
  return useForBlock({ name: "The OpenAI stand-in", start: () => startOpenAIStandIn(options), reset: (server) => server.reset(), stop: (server) => server.close() });
}

/** A Bedrock stand-in for the enclosing block: started before all its tests, reset before each, closed after all. */
export function useBedrockStandIn(options?: StandInOptions): StandIn {
  return useForBlock({ name: "The Bedrock stand-in", start: () => startBedrockStandIn(options), reset: (server) => server.reset(), stop: (server) => server.close() });
}

/** Both stand-ins and the factory environment for them, for the enclosing block: started before all its tests, both reset before each, closed after all. */
export function useOfflineServers(): StandIns {
  return useForBlock({
    name: "The offline servers",
    start: () => startStandIns(),
    reset: (servers) => {
      servers.openai.reset();
      servers.bedrock.reset();
    },
    stop: (servers) => servers.close(),
  });
}

/** An OpenAIProvider on gpt-4o pointed at `server`, with a test key and no retries unless given. */
export function openAIProviderAt(server: StandIn, settings: Partial<OpenAIProviderSettings> = {}): OpenAIProvider {
  return new OpenAIProvider({ model: "gpt-4o", apiKey: "sk-test", baseURL: `${server.url}/v1`, maxRetries: 0, ...settings });
}

/** An OpenAIEmbeddingsProvider pointed at `server`, with a test key and no retries unless given. */
export function openAIEmbeddingsAt(server: StandIn, settings: OpenAIEmbeddingsSettings = {}): OpenAIEmbeddingsProvider {
  return new OpenAIEmbeddingsProvider({ apiKey: "sk-test", baseURL: `${server.url}/v1`, maxRetries: 0, ...settings });
}
