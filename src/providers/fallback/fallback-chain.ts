import { ProviderError } from "../../errors";
import { withDetails } from "../provider-error";
import type { ProviderName } from "../../types";
import { DeliveryWatch } from "./delivery-watch";
import type { ModelBreaker } from "./model-breaker";

/** One model of a role's fallback chain. */
export interface ChainMember<Target> {
  provider: ProviderName;
  model: string;
  /** `<vendor>:<model>`, as attempts after it name it (`fell_back_from`). */
  label: string;
  /** What is called: a provider, its chat model, that model with tools bound … */
  target: Target;
  /** The model's breaker (the factory's, shared by every chain that names the model). */
  breaker: ModelBreaker;
}

/**
 * Whether a failure lets a chain try its next model: a `ProviderError` that a retry could cure
 * (429, 5xx, Bedrock throttling, a timeout, a connection reset: `retryable`), raised before any
 * of the answer reached a consumer — whatever its reason, never once the attempt handed out a
 * token (`delivered`) or has a `partial` result. Never a 400, 401, 403 or validation error, a
 * caller's abort, a budget stop or a configuration error.
 */
export function fallsBack(error: unknown, delivered: boolean): boolean {
  return error instanceof ProviderError && error.retryable && !delivered && error.partial === undefined;
}

/** What one attempt is given. */
export interface AttemptContext {
  /** The models it comes after (failed or cooling down); undefined for the chain's first. */
  fellBackFrom: readonly string[] | undefined;
  /** To add to the attempt's callbacks: notes whether any of its answer was handed out. */
  watch: DeliveryWatch;
  /** The vendor of the model attempted. */
  provider: ProviderName;
  /** The model attempted. */
  model: string;
  /** The errors of the attempts before it that failed. */
  earlierAttempts: readonly ProviderError[];
}

/** One attempt of a chain's call, on one of its models. */
export type Attempt<Target, Result> = (target: Target, context: AttemptContext) => Result;

/**
 * The models of a role in the order they are tried. A call goes to each in turn until one answers,
 * moving on only when the attempt {@link fallsBack} and the caller's signal has not fired; models whose breaker is open are skipped (all
 * are tried, in order, when every one is open: a breaker never refuses a call by itself). When every
 * attempt fails, the last attempt's error is thrown, the earlier attempts' errors on it (`earlierAttempts`).
 */
export class FallbackChain<Target> {
  constructor(readonly members: readonly ChainMember<Target>[]) {}

  /** The chain's first model. */
  get primary(): ChainMember<Target> {
    return this.members[0]!;
  }

  /** The same models, breakers and labels, each target made anew (bound to tools, structured …). */
  map<Other>(make: (target: Target) => Other): FallbackChain<Other> {
    return new FallbackChain(this.members.map((member) => ({ ...member, target: make(member.target) })));
  }

  /** `<name> { chain: ['bedrock:…', 'openai:…'] }`: what inspecting a chain's provider or model shows. */
  describe(name: string): string {
    return `${name} { chain: [${this.members.map((member) => `'${member.label}'`).join(", ")}] }`;
  }

  /**
   * One call through the chain.
   * @param callerSignal - the caller's signal (its deadline too): once it has fired, a failure ends
   *   the chain as it is, no further model is tried and no breaker counts it.
   */
  async invoke<Result>(attempt: Attempt<Target, Promise<Result>>, callerSignal?: AbortSignal): Promise<Result> {
    const failures: ProviderError[] = [];
    for (const { member, before } of this.attempts()) {
      const watch = new DeliveryWatch();
      try {
        const result = await attempt(member.target, { fellBackFrom: before, watch, provider: member.provider, model: member.model, earlierAttempts: [...failures] });
        member.breaker.succeeded();
        return result;
      } catch (error) {
        moveOn(error, member, watch.delivered, callerSignal, failures);
      }
    }
    throw lastOf(failures);
  }

  /**
   * One stream through the chain: an attempt is given up for the next only before its first chunk.
   * @param callerSignal - as for {@link FallbackChain.invoke}.
   */
  async *stream<Chunk>(open: Attempt<Target, AsyncIterator<Chunk>>, callerSignal?: AbortSignal): AsyncGenerator<Chunk> {
    const failures: ProviderError[] = [];
    for (const { member, before } of this.attempts()) {
      const watch = new DeliveryWatch();
      const chunks = open(member.target, { fellBackFrom: before, watch, provider: member.provider, model: member.model, earlierAttempts: [...failures] });
      let first: IteratorResult<Chunk>;
      try {
        first = await chunks.next();
      } catch (error) {
        moveOn(error, member, watch.delivered, callerSignal, failures);
        continue;
      }
      member.breaker.succeeded();
      try {
        yield* rest(first, chunks);
      } catch (error) {
        throw withEarlierAttempts(error, failures);
      }
      return;
    }
    throw lastOf(failures);
  }

  /**
   * The members to try, in order, each with the models before it (tried, or skipped because their
   * breaker is open); when every breaker is open, every member is tried.
   */
  private *attempts(): Generator<{ member: ChainMember<Target>; before: readonly string[] | undefined }> {
    const skipping = this.members.some((member) => !member.breaker.open);
    const before: string[] = [];
    for (const member of this.members) {
      if (!(skipping && member.breaker.open)) yield { member, before: before.length === 0 ? undefined : [...before] };
      before.push(member.label);
    }
  }
}

/**
 * An attempt failed: the chain moves on — the failure counted by the model's breaker and kept in
 * `failures` — or, when it may not (see {@link fallsBack}; the caller's signal fired), the error
 * ends the chain, the earlier attempts' errors on it.
 */
function moveOn(error: unknown, member: ChainMember<unknown>, delivered: boolean, callerSignal: AbortSignal | undefined, failures: ProviderError[]): void {
  if (callerSignal?.aborted === true || !fallsBack(error, delivered)) throw withEarlierAttempts(error, failures);
  member.breaker.failed();
  failures.push(error as ProviderError);
}

/** The error a chain whose every attempt failed throws: the last attempt's, the earlier ones' on it. */
function lastOf(failures: ProviderError[]): ProviderError {
  return withEarlierAttempts(failures.at(-1), failures.slice(0, -1)) as ProviderError;
}

/**
 * A chain's final error: a `ProviderError` of the last attempt keeps its class, provider, model,
 * status, reason and cause, and carries the earlier attempts' errors (`earlierAttempts`, named at
 * the end of its message). Any other error, the first attempt's, or one that has them, is as it is.
 */
export function withEarlierAttempts(error: unknown, earlier: readonly ProviderError[]): unknown {
  if (!(error instanceof ProviderError) || earlier.length === 0 || error.earlierAttempts !== undefined) return error;
  const named = earlier.map((failure) => `${failure.provider}:${failure.model} (${failure.status === undefined ? failure.reason : `HTTP ${failure.status}`})`);
  return withDetails(error, { earlierAttempts: [...earlier] }, ` Tried before it in the fallback chain: ${named.join(", ")}.`);
}

/** A stream from its first step on, its iterator closed when its consumer stops early. */
async function* rest<Chunk>(first: IteratorResult<Chunk>, chunks: AsyncIterator<Chunk>): AsyncGenerator<Chunk> {
  let finished = first.done === true;
  try {
    for (let step = first; step.done !== true; step = await chunks.next()) yield step.value;
    finished = true;
  } finally {
    if (!finished) await chunks.return?.(undefined);
  }
}
