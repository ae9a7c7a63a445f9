import { LogsiftError } from '../../../model';

export const CANCELLED = 'the query was cancelled or ran out of time';

/** Waits that grow by `factor` from `initialMs` to at most `maxMs`, without end. */
export function* growingDelays(
  initialMs: number,
  factor: number,
  maxMs: number,
): Generator<number> {
  let delay = initialMs;
  for (;;) {
    yield Math.min(delay, maxMs);
    delay = Math.min(delay * factor, maxMs);
  }
}

/** Resolves after `ms`, or rejects at once when `signal` fires. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new LogsiftError('timeout', CANCELLED));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new LogsiftError('timeout', CANCELLED));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryPolicy {
  /** Tries after the first. */
  attempts: number;
  initialMs: number;
}

/**
 * Runs `call`, and again after 1, 2, 4… × `initialMs` (plus up to 10 % jitter, so many
 * clients do not come back at once) while it fails in a way `retried` accepts, as Grafana's
 * CloudWatch client retries a full account. The last failure is thrown.
 */
export async function withRetry<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  retried: (error: unknown) => boolean,
  signal: AbortSignal,
  random: () => number = Math.random,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= policy.attempts || !retried(error) || signal.aborted) throw error;
      const delay = policy.initialMs * 2 ** attempt;
      await sleep(delay + random() * delay * 0.1, signal);
    }
  }
}
