/** An object that reads each property from `current()` when used (methods bound to it), for a value a beforeAll hook fills in. */
function lateBound<T extends object>(current: () => T): T {
  return new Proxy({} as T, {
    get(_target, key) {
      const target = current();
      const value: unknown = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** How {@link useForBlock} starts, resets and stops one resource. */
export interface BlockResource<T> {
  /** What it is, for the error when it is used before it started ("The OpenAI stand-in"). */
  name: string;
  start(): Promise<T>;
  /** Run before each test of the block. */
  reset(value: T): void;
  stop(value: T): Promise<void>;
}

/** Starts `resource` before all tests of the enclosing describe (or file), resets it before each, stops it after all; returns a handle to it. */
export function useForBlock<T extends object>(resource: BlockResource<T>): T {
  let running: T | undefined;
  const current = (): T => {
    if (running === undefined) throw new Error(`${resource.name} is not running: use it inside a test or a hook, not while tests are collected.`);
    return running;
  };
  beforeAll(async () => {
    running = await resource.start();
  });
  beforeEach(() => resource.reset(current()));
  afterAll(async () => {
    if (running !== undefined) await resource.stop(running);
  });
  return lateBound(current);
}
