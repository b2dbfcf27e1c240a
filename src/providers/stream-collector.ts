import { AIMessage, mergeUsageMetadata, type AIMessageChunk, type UsageMetadata } from "@langchain/core/messages";

/**
 * What a stream has delivered so far, gathered cheaply per chunk: the text, the usage the provider
 * reported (summed, as `AIMessageChunk.concat` would) and its response metadata. LangChain keeps
 * its own concatenated copy for the callbacks, so the provider does not concatenate chunks again.
 */
export class StreamCollector {
  text = "";
  private usage?: UsageMetadata;
  private readonly responseMetadata: Record<string, unknown> = {};

  /** Takes one chunk in; returns its text delta. */
  add(chunk: AIMessageChunk): string {
    if (chunk.usage_metadata !== undefined) this.usage = this.usage === undefined ? chunk.usage_metadata : mergeUsageMetadata(this.usage, chunk.usage_metadata);
    const metadata = chunk.response_metadata as Record<string, unknown> | undefined;
    if (metadata !== undefined) {
      for (const key in metadata) if (metadata[key] !== undefined) this.responseMetadata[key] = metadata[key];
    }
    const delta = typeof chunk.content === "string" ? chunk.content : chunk.text;
    this.text += delta;
    return delta;
  }

  /** The whole answer as one message, for pricing and `raw`. */
  message(): AIMessage {
    return new AIMessage({ content: this.text, usage_metadata: this.usage, response_metadata: this.responseMetadata });
  }
}
