import { raceWithSignal } from "@langchain/core/runnables";
import type { IterableReadableStream } from "@langchain/core/utils/stream";
import type { BaseMessage } from "@langchain/core/messages";
import type { LLMError } from "../errors";
import { checkMessagesHaveText } from "../messages";
import { CallRun } from "../tracking/call-run";
import type { ProviderName } from "../types";
import { callSignal } from "./call-signal";
import { toProviderError } from "./provider-error";
import { UnreadableAnswerError } from "./unreadable-answer";

/** Who a chat model calls, and the time limit of a call that sets none. */
export interface ModelCallLimits {
  provider: ProviderName;
  model: string;
  /** Milliseconds; the provider's / factory's `timeoutMs`, else `DEFAULT_CALL_TIMEOUT_MS`. */
  timeoutMs: number;
}

/** The call option the package's chat models take besides LangChain's. */
export interface TimeLimitCallOption {
  /**
   * This call's time limit in milliseconds, instead of the model's. (LangChain's `timeout` and
   * `signal` end a call earlier, never later, than the limit in force.)
   */
  timeoutMs?: number;
}

/** The parsed call options the guards read and pass on. */
type GuardedOptions = TimeLimitCallOption & { signal?: AbortSignal };

/**
 * One request of a chat model (`_generate`), guarded: blank messages refused with an `InputError`
 * before any request (as `complete()` refuses them), the request sent with the call's signal and its time
 * limit, the whole call raced with them (the SDKs' waits between retries do not heed a signal),
 * and any failure thrown as a `ProviderError`, so LangChain's callbacks (`handleLLMError`) and
 * the caller receive the same typed error, secrets removed.
 */
export async function guardedCall<T, Options extends GuardedOptions>(
  limits: ModelCallLimits,
  messages: readonly BaseMessage[],
  options: Options,
  call: (options: Options) => Promise<T>,
): Promise<T> {
  checkMessagesHaveText(messages);
  const { signal, timeout } = callSignal(options.signal, options.timeoutMs ?? limits.timeoutMs);
  try {
    return await raceWithSignal(call({ ...options, signal }), signal);
  } catch (error) {
    throw toProviderError(error, { provider: limits.provider, model: limits.model, timeout, signal: options.signal });
  }
}

/**
 * One streamed request of a chat model (`_streamResponseChunks`, `_streamChatModelEvents`),
 * guarded like {@link guardedCall}: its first chunk raced with the signal and the time limit, a
 * failure thrown as a `ProviderError` (reason "stream" once chunks have arrived). A stream that
 * ends without completing — the consumer stops reading (`return` / `break`), an abort, a timeout,
 * an error — has its request aborted at once, which closes its connection: `@langchain/aws`
 * detaches the caller's signal from the AWS request when its generator closes, so without this
 * the AWS SDK would go on reading the abandoned stream and hold a pooled socket. A stream its
 * consumer stopped reading is billed then too (LangChain reports neither an end nor an error for
 * it): the trackers of run `runId` record it as estimated from the text they saw.
 */
export async function* guardedStream<T, Options extends GuardedOptions>(
  limits: ModelCallLimits,
  messages: readonly BaseMessage[],
  options: Options,
  open: (options: Options) => AsyncGenerator<T>,
  runId: string | undefined,
): AsyncGenerator<T> {
  checkMessagesHaveText(messages);
  const closer = new AbortController();
  const { signal, timeout } = callSignal(options.signal, options.timeoutMs ?? limits.timeoutMs, closer.signal);
  const chunks = open({ ...options, signal });
  let started = false;
  let completed = false;
  let failed = false;
  try {
    for (let step = await raceWithSignal(chunks.next(), signal); !step.done; step = await chunks.next()) {
      started = true;
      yield step.value;
    }
    // Every answer of the APIs yields chunks (OpenAI's role delta, Bedrock's messageStart): an
    // event stream of nothing is not the API's (an SSE body without a single event, say).
    if (!started) throw new UnreadableAnswerError("the answer is not the API's: its event stream ended without a single event");
    completed = true;
  } catch (error) {
    failed = true;
    throw toProviderError(error, { provider: limits.provider, model: limits.model, timeout, signal: options.signal, midStream: started });
  } finally {
    if (!completed) {
      if (!failed && runId !== undefined) await CallRun.find(runId)?.abandon();
      // The one place where a chat model's stream ends without completing (return/break, abort,
      // timeout, error): abort its request first, then close the SDK's stream. A first chunk that
      // lost the race ends on its own once the aborted request gives up.
      closer.abort();
      const closing = chunks.return(undefined);
      if (started) await closing;
      else void closing.catch(() => undefined);
    }
  }
}

/**
 * A chat model's `.stream()`, its failures made `ProviderError`s too: LangChain's stream wrapper
 * races its setup and each chunk with the caller's signal itself, and throws its own "Aborted"
 * error when that fires, before {@link guardedStream} sees it. The stream's own `next` is wrapped
 * (the stream is not re-streamed), so that leaving it still reaches the model's generator at once.
 * `limits` is read when an error comes; `finish` may add to the typed error.
 */
export async function withProviderErrors<T>(
  limits: ModelCallLimits,
  opening: Promise<IterableReadableStream<T>>,
  signal: AbortSignal | undefined,
  finish: (error: LLMError) => unknown = (error) => error,
): Promise<IterableReadableStream<T>> {
  const typed = (error: unknown) => finish(toProviderError(error, { provider: limits.provider, model: limits.model, signal }));
  const stream = await opening.catch((error: unknown) => {
    throw typed(error);
  });
  const next = stream.next.bind(stream);
  stream.next = () => next().catch((error: unknown) => {
    throw typed(error);
  });
  return stream;
}
