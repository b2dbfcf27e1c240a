import { InputError } from "../../errors";

/** When a model of a fallback chain is skipped. */
export interface BreakerOptions {
  /** Consecutive retryable failures (each after the model's own retries) after which the model is skipped; default 3. */
  failureThreshold?: number;
  /** How long it is then skipped, in milliseconds, before it is tried again; default 30 000 (30 s). */
  cooldownMs?: number;
}

/** The breaker's defaults: 3 consecutive failures, 30 s of cooldown. */
export const DEFAULT_BREAKER: Readonly<Required<BreakerOptions>> = { failureThreshold: 3, cooldownMs: 30_000 };

/**
 * The options with their defaults.
 * @throws InputError when `failureThreshold` is not a positive whole number or `cooldownMs` not a finite number, 0 or more.
 */
export function breakerSettings(options: BreakerOptions = {}): Required<BreakerOptions> {
  const { failureThreshold = DEFAULT_BREAKER.failureThreshold, cooldownMs = DEFAULT_BREAKER.cooldownMs } = options;
  if (!(Number.isInteger(failureThreshold) && failureThreshold > 0)) throw new InputError(`breaker.failureThreshold must be a positive whole number, got ${failureThreshold}.`);
  if (!(Number.isFinite(cooldownMs) && cooldownMs >= 0)) throw new InputError(`breaker.cooldownMs must be a number of milliseconds, 0 or more, got ${cooldownMs}.`);
  return { failureThreshold, cooldownMs };
}

/**
 * A circuit breaker for one model of a factory (shared by every role whose chain names it): after
 * `failureThreshold` consecutive retryable failures it opens, and the chains skip the model for
 * `cooldownMs`; then the model is tried again — one more failure opens it again, a success closes it.
 */
export class ModelBreaker {
  private failures = 0;
  private openUntil = 0;

  constructor(private readonly settings: Required<BreakerOptions>) {}

  /** Whether the model is cooling down (to be skipped). */
  get open(): boolean {
    return Date.now() < this.openUntil;
  }

  /** The model answered: its count of failures starts again. */
  succeeded(): void {
    this.failures = 0;
    this.openUntil = 0;
  }

  /** The model failed with a retryable error, after its own retries. */
  failed(): void {
    this.failures += 1;
    if (this.failures >= this.settings.failureThreshold) this.openUntil = Date.now() + this.settings.cooldownMs;
  }
}
