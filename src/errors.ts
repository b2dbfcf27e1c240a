import type { ProviderName, LLMCallResult } from "./types";

/** Base class of every error this package throws. */
export class LLMError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Why a provider call failed. */
export type ProviderErrorReason = "http" | "timeout" | "aborted" | "network" | "stream" | "malformed";

/** What a {@link ProviderError} carries besides its message. */
export interface ProviderErrorDetails {
  provider: ProviderName;
  model: string;
  reason: ProviderErrorReason;
  status?: number;
  retryable?: boolean;
  partial?: LLMCallResult;
  earlierAttempts?: readonly ProviderError[];
  cause?: unknown;
}

/** A failed call to a provider's API. */
export class ProviderError extends LLMError {
  readonly provider: ProviderName;
  readonly model: string;
  /** The HTTP status, when the provider answered with one. */
  readonly status?: number;
  /** Whether the same request may succeed if sent again. */
  readonly retryable: boolean;
  readonly reason: ProviderErrorReason;
  /** For a stream that failed part-way: the estimated result of what arrived. */
  readonly partial?: LLMCallResult;
  /**
   * The last attempt of a fallback chain that failed after others: the errors of the chain's
   * earlier attempts, in the order they were made (this error is the last attempt's).
   */
  readonly earlierAttempts?: readonly ProviderError[];

  constructor(message: string, details: ProviderErrorDetails) {
    super(message, { cause: details.cause });
    this.provider = details.provider;
    this.model = details.model;
    this.reason = details.reason;
    this.status = details.status;
    this.retryable = details.retryable ?? false;
    this.partial = details.partial;
    this.earlierAttempts = details.earlierAttempts;
  }
}

/** Bad messages, texts or options, detected before any request is sent. */
export class InputError extends LLMError {}

/** Throws {@link InputError} when an optional setting is given but is not a positive whole number. */
export function checkPositiveWholeNumber(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value > 0)) throw new InputError(`${name} must be a positive whole number, got ${value}.`);
}

/** A bad or unknown model id for a role, a missing region, an embeddings model on a chat role. */
export class ConfigurationError extends LLMError {}

/** A secret found in none of the sources tried. */
export class SecretNotFoundError extends LLMError {
  readonly key: string;
  /** Each source looked at, in order (e.g. "environment variable OPENAI_API_KEY"). */
  readonly sourcesTried: readonly string[];

  constructor(key: string, sourcesTried: readonly string[], hint: string) {
    super(`Secret ${key} was not found. Tried: ${sourcesTried.join("; ")}. ${hint}`);
    this.key = key;
    this.sourcesTried = sourcesTried;
  }
}

/** The 1Password CLI could not answer: not installed, signed out, timed out or failing. */
export class OnePasswordError extends LLMError {}

/** A model with no price in the table in use. */
export class UnknownModelPricingError extends LLMError {
  readonly model: string;

  /** @param message - what to say instead of the default advice (an Azure deployment names the mapping to add). */
  constructor(model: string, message?: string) {
    super(
      message ??
        `No price is known for model "${model}". Add a row for it with the \`pricing\` option ` +
          `(USD per 1M tokens, e.g. { "${model}": { input: 1, output: 2 } }).`,
    );
    this.model = model;
  }
}

/** What a {@link BudgetExceededError} was measured against. */
export interface BudgetDetails {
  /** USD spent within the budget so far. */
  spentUsd: number;
  /** The budget's limit, USD. */
  budgetUsd: number;
  /** USD reserved by calls in flight when this call was refused. */
  reservedUsd?: number;
  /** The most the refused call could have cost, USD. */
  callUsd?: number;
  /** Which budget refused the call, for a named or grouped budget (e.g. "tenant acme: $5.0000 a day"). */
  budget?: string;
}

/** A budget would be passed: raised before the request is sent. */
export class BudgetExceededError extends LLMError {
  readonly spentUsd: number;
  readonly budgetUsd: number;
  readonly reservedUsd: number;
  readonly callUsd?: number;
  readonly budget?: string;

  constructor(message: string, details: BudgetDetails) {
    super(message);
    this.spentUsd = details.spentUsd;
    this.budgetUsd = details.budgetUsd;
    this.reservedUsd = details.reservedUsd ?? 0;
    this.callUsd = details.callUsd;
    this.budget = details.budget;
  }
}
