import { ProviderError } from "../../errors";
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
}

/** One attempt of a chain's call, on one of its models. */
export type Attempt<Target, Result> = (target: Target, context: AttemptContext) => Result;

/**
 * The models of a role in the order they are tried. A call goes to each in turn until one answers,
 * moving on only when the attempt {@link fallsBack} and the caller's signal has not fired; models whose breaker is open are skipped (all
 * are tried, in order, when every one is open: a breaker never refuses a call by itself). The last
 * failure is thrown as it is.
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
    let lastError: unknown;
    for (const { member, before } of this.attempts()) {
      const watch = new DeliveryWatch();
      try {
        const result = await attempt(member.target, { fellBackFrom: before, watch });
        member.breaker.succeeded();
        return result;
      } catch (error) {
        if (callerSignal?.aborted === true || !fallsBack(error, watch.delivered)) throw error;
        member.breaker.failed();
        lastError = error;
      }
    }
    throw lastError;
  }

  /**
   * One stream through the chain: an attempt is given up for the next only before its first chunk.
   * @param callerSignal - as for {@link FallbackChain.invoke}.
   */
  async *stream<Chunk>(open: Attempt<Target, AsyncIterator<Chunk>>, callerSignal?: AbortSignal): AsyncGenerator<Chunk> {
    let lastError: unknown;
    for (const { member, before } of this.attempts()) {
      const watch = new DeliveryWatch();
      const chunks = open(member.target, { fellBackFrom: before, watch });
      let first: IteratorResult<Chunk>;
      try {
        first = await chunks.next();
      } catch (error) {
        if (callerSignal?.aborted === true || !fallsBack(error, watch.delivered)) throw error;
        member.breaker.failed();
        lastError = error;
        continue;
      }
      member.breaker.succeeded();
      yield* rest(first, chunks);
      return;
    }
    throw lastError;
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
