import type { LogsiftError } from '../../model';

/** The error a call ends in; a call that succeeds fails the test. */
export function failure(promise: Promise<unknown>): Promise<LogsiftError> {
  return promise.then(
    () => {
      throw new Error('expected an error');
    },
    (error: unknown) => error as LogsiftError,
  );
}
