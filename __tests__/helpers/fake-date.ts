/**
 * Fakes `Date` alone (every timer stays real, so servers and drivers run as usual), starting at
 * `now`: a test moves the clock with `jest.setSystemTime` and ends with `jest.useRealTimers()`.
 */
export function fakeDateOnly(now?: Date): void {
  jest.useFakeTimers({
    now,
    doNotFake: ["nextTick", "setImmediate", "clearImmediate", "setInterval", "clearInterval", "setTimeout", "clearTimeout", "queueMicrotask", "hrtime", "performance"],
  });
}
