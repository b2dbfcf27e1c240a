import { ensureConfig, Runnable, type RunnableConfig } from "@langchain/core/runnables";
import { attemptOptions } from "./attempt-options";
import type { FallbackChain } from "./fallback-chain";

/**
 * A runnable of each model of a fallback chain (each model's own `withStructuredOutput`), tried in
 * the chain's order: an `invoke` moves on when an attempt fails with a retryable error, a stream
 * only before its first chunk. It has no run of its own: each attempt is its model's run.
 */
export class FallbackRunnable<Input, Output> extends Runnable<Input, Output> {
  lc_namespace = ["orchestratai", "fallback"];

  constructor(readonly chain: FallbackChain<Runnable<Input, Output>>) {
    super();
  }

  /** One call: its `timeout` one deadline for the whole chain (as LangChain makes it, a signal). */
  override invoke(input: Input, options?: Partial<RunnableConfig>): Promise<Output> {
    const config = ensureConfig(options);
    return this.chain.invoke((runnable, attempt) => runnable.invoke(input, attemptOptions(config, attempt)), config.signal);
  }

  /** @inheritdoc */
  override _streamIterator(input: Input, options?: Partial<RunnableConfig>): AsyncGenerator<Output> {
    return this.chain.stream((runnable, attempt) => runnable._streamIterator(input, attemptOptions(options, attempt)), options?.signal);
  }
}
