import { BaseCallbackHandler } from "@langchain/core/callbacks/base";

/** Records what LangChain hands callback handlers: `errors` from handleLLMError, and every payload (errors, ends, starts). */
export class CallbackRecorder extends BaseCallbackHandler {
  name = "callback-recorder";
  override awaitHandlers = true;
  readonly errors: unknown[] = [];
  readonly payloads: unknown[] = [];

  override handleLLMError(error: unknown): void {
    this.errors.push(error);
    this.payloads.push(error);
  }

  override handleLLMEnd(output: unknown): void {
    this.payloads.push(output);
  }

  override handleChatModelStart(...args: unknown[]): void {
    this.payloads.push(args);
  }
}
