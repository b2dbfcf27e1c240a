/** A call's time limit: the signal that fires at it, and its length for the error message. */
export interface CallTimeout {
  signal: AbortSignal;
  ms: number;
}

/**
 * The one signal a request is sent with: the caller's, the time limit's, or both combined; and the
 * time limit apart, so a failure can tell a timeout from the caller's abort.
 */
export function callSignal(callerSignal: AbortSignal | undefined, timeoutMs: number | undefined): { signal?: AbortSignal; timeout?: CallTimeout } {
  const timeout = timeoutMs === undefined ? undefined : { signal: AbortSignal.timeout(timeoutMs), ms: timeoutMs };
  const signals = [callerSignal, timeout?.signal].filter((signal): signal is AbortSignal => signal !== undefined);
  return { signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0], timeout };
}
