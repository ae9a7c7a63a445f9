import { LogsiftError } from '../../../model';
import { CANCELLED } from './backoff';

interface Waiter {
  grant: () => void;
  onPosition: (position: number) => void;
}

/**
 * At most `size` queries running on CloudWatch at once (this datasource's share of the
 * account's 30); the others wait first come, first served, and each hears its place in the
 * queue whenever it changes. Leaving the queue (abort) lets the ones behind move up.
 */
export class QuerySlots {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(private readonly size: number) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with a release function once a slot is free. */
  acquire(signal: AbortSignal, onPosition: (position: number) => void): Promise<() => void> {
    if (signal.aborted) return Promise.reject(new LogsiftError('timeout', CANCELLED));
    if (this.running < this.size && this.waiting.length === 0) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          resolve(this.releaser());
        },
        onPosition,
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        this.announce(at);
        reject(new LogsiftError('timeout', CANCELLED));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
      onPosition(this.waiting.length);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) {
        next.grant();
        this.announce(0);
      } else this.running--;
    };
  }

  /** Tells the waiters from index `from` on their new places. */
  private announce(from: number): void {
    for (let i = Math.max(0, from); i < this.waiting.length; i++) {
      this.waiting[i]?.onPosition(i + 1);
    }
  }
}
