import { LogsiftError } from '../../../model';
import { CANCELLED } from './backoff';

interface Shared<T, P> {
  promise: Promise<T>;
  listeners: Set<(progress: P) => void>;
  controller: AbortController;
  callers: number;
  last: P | undefined;
}

/**
 * Identical queries running at once share one backend query: a second caller joins the
 * first one's run and hears its progress. Each caller may leave (abort) on its own; the
 * backend query is cancelled only when the last one has left.
 */
export class Coalescer<T, P> {
  private readonly running = new Map<string, Shared<T, P>>();

  /** How many callers wait on the run of `key`; 0 when none runs. */
  callers(key: string): number {
    return this.running.get(key)?.callers ?? 0;
  }

  run(
    key: string,
    start: (signal: AbortSignal, progress: (p: P) => void) => Promise<T>,
    signal: AbortSignal,
    onProgress?: (progress: P) => void,
  ): Promise<T> {
    if (signal.aborted) return Promise.reject(new LogsiftError('timeout', CANCELLED));
    let shared = this.running.get(key);
    // A run every caller left is being stopped (its StopQuery may take a while): joining it
    // would only wait for its end to hear "cancelled". A new caller starts its own; the
    // stopping run leaves the map to it.
    if (!shared || shared.controller.signal.aborted) {
      const controller = new AbortController();
      const listeners = new Set<(p: P) => void>();
      const created: Shared<T, P> = {
        controller,
        listeners,
        callers: 0,
        last: undefined,
        promise: Promise.resolve(undefined as T),
      };
      created.promise = start(controller.signal, (p) => {
        created.last = p;
        for (const listener of listeners) listener(p);
      }).finally(() => {
        if (this.running.get(key) === created) this.running.delete(key);
      });
      // The callers handle its outcome; this keeps a run nobody awaits any more quiet.
      created.promise.catch(() => undefined);
      this.running.set(key, created);
      shared = created;
    }
    const joined = shared;
    joined.callers++;
    if (onProgress) {
      joined.listeners.add(onProgress);
      if (joined.last !== undefined) onProgress(joined.last);
    }
    return new Promise<T>((resolve, reject) => {
      let left = false;
      const leave = () => {
        if (left) return;
        left = true;
        signal.removeEventListener('abort', onAbort);
        if (onProgress) joined.listeners.delete(onProgress);
        joined.callers--;
      };
      const onAbort = () => {
        leave();
        if (joined.callers === 0) joined.controller.abort();
        reject(new LogsiftError('timeout', CANCELLED));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      joined.promise.then(
        (value) => {
          leave();
          resolve(value);
        },
        (error: unknown) => {
          leave();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }
}
