/** The error `promise` rejects with, after expecting it to be an instance of `ErrorClass` (a resolved promise fails that expectation). */
export async function rejectionOf<E extends Error>(promise: Promise<unknown>, ErrorClass: abstract new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ErrorClass);
  return error as E;
}
