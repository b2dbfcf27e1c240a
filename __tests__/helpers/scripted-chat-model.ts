import { BaseChatModel, type BaseChatModelParams } from "@langchain/core/language_models/chat_models";
import { AIMessage, AIMessageChunk, type BaseMessage, type UsageMetadata } from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";

/** One scripted answer of {@link ScriptedChatModel}. */
export interface ScriptedAnswer {
  text: string;
  usage?: UsageMetadata;
  model?: string;
  /** Streaming: throw after this many chunks. */
  failAfterChunks?: number;
}

/**
 * A LangChain chat model that answers from a script, for testing callback handlers on any chat
 * model (the provider tests use the real SDKs against the stand-in servers instead).
 */
export class ScriptedChatModel extends BaseChatModel {
  readonly answers: ScriptedAnswer[];
  readonly modelName: string;
  readonly lsProvider: string;

  constructor(fields: BaseChatModelParams & { answers: ScriptedAnswer[]; model: string; lsProvider?: string }) {
    super(fields);
    this.answers = fields.answers;
    this.modelName = fields.model;
    this.lsProvider = fields.lsProvider ?? "openai";
  }

  _llmType(): string {
    return "scripted";
  }

  override getLsParams(options: this["ParsedCallOptions"]) {
    return { ...super.getLsParams(options), ls_provider: this.lsProvider, ls_model_name: this.modelName };
  }

  private next(): ScriptedAnswer {
    const answer = this.answers.shift();
    if (answer === undefined) throw new Error("ScriptedChatModel: no answer left");
    return answer;
  }

  async _generate(_messages: BaseMessage[]): Promise<ChatResult> {
    const answer = this.next();
    const message = new AIMessage({
      content: answer.text,
      usage_metadata: answer.usage,
      response_metadata: answer.model ? { model_name: answer.model } : {},
    });
    return { generations: [{ text: answer.text, message }] };
  }

  override async *_streamResponseChunks(_messages: BaseMessage[], _options: this["ParsedCallOptions"], runManager?: CallbackManagerForLLMRun): AsyncGenerator<ChatGenerationChunk> {
    const answer = this.next();
    const words = answer.text.split(/(?<= )/);
    for (const [index, word] of words.entries()) {
      if (answer.failAfterChunks !== undefined && index >= answer.failAfterChunks) throw new TypeError("terminated");
      const chunk = new ChatGenerationChunk({ text: word, message: new AIMessageChunk({ content: word }) });
      yield chunk;
      await runManager?.handleLLMNewToken(word, { prompt: 0, completion: 0 }, undefined, undefined, undefined, { chunk });
    }
    yield new ChatGenerationChunk({
      text: "",
      message: new AIMessageChunk({ content: "", usage_metadata: answer.usage, response_metadata: answer.model ? { model_name: answer.model } : {} }),
    });
  }
}
