/**
 * A lazy lookup run once and then kept, unless it fails: a failed lookup is forgotten, so the next
 * call looks again. Concurrent calls share the lookup in flight.
 */
export function onceUntilFailure<T>(lookUp: () => Promise<T>, known?: T): () => Promise<T> {
  let found: Promise<T> | undefined = known === undefined ? undefined : Promise.resolve(known);
  return () =>
    (found ??= lookUp().catch((error: unknown) => {
      found = undefined;
      throw error;
    }));
}
