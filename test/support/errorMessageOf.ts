/** The message of the error `fn` throws; a call that does not throw fails the test. */
export function errorMessageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}
