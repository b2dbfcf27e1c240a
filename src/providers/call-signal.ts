/**
 * The time limit of a chat call that sets none, neither itself nor through its provider or factory
 * (`timeoutMs`): 10 minutes, the openai SDK's own default. No call waits for ever.
 */
export const DEFAULT_CALL_TIMEOUT_MS = 600_000;

/** A call's time limit: the signal that fires at it, and its length for the error message. */
export interface CallTimeout {
  signal: AbortSignal;
  ms: number;
}

/**
 * The one signal a request is sent with: the caller's, the time limit's and any other (the one that
 * closes a stream left early) combined; and the time limit apart, so a failure can tell a timeout
 * from the caller's abort.
 */
export function callSignal(callerSignal: AbortSignal | undefined, timeoutMs: number, ...others: AbortSignal[]): { signal: AbortSignal; timeout: CallTimeout } {
  const timeout = { signal: AbortSignal.timeout(timeoutMs), ms: timeoutMs };
  const signals = [callerSignal, ...others].filter((signal): signal is AbortSignal => signal !== undefined);
  return { signal: signals.length > 0 ? AbortSignal.any([timeout.signal, ...signals]) : timeout.signal, timeout };
}
