import type { FastifyReply } from 'fastify';
import { LogsiftError, type LogRecord } from '../../model';
import type { Limits, LogsiftConfig } from '../config/schema';
import type { Datasource, QueryPages } from '../datasources/datasource';
import type { DatasourceRegistry } from '../datasources/registry';
import type { SavedStore } from '../store/store';
import type { Metrics } from './metrics';

export interface ServerContext {
  config: LogsiftConfig;
  limits: Limits;
  datasources: DatasourceRegistry;
  metrics: Metrics;
  now: () => number;
  /** Saved queries, dashboards and short links; absent when the app was built without one. */
  store?: SavedStore;
}

interface Slot {
  signal: AbortSignal;
  /** Settles with the timeout error at the deadline, even when a datasource ignores its signal. */
  deadline: Promise<never>;
  /** The error to throw for one the call threw, the deadline's when it passed. */
  failure(error: unknown): unknown;
  expired(): boolean;
  /** The deadline in force: the datasource's own, else the server's. */
  limitMs: number;
  release(): void;
}

/**
 * Runs datasource calls under the limits: bounded concurrency, a deadline, and
 * cancellation when the client goes away, so abandoned queries stop burning the backend.
 */
export function createRunner(ctx: ServerContext) {
  let running = 0;

  function acquire(reply: FastifyReply, ds: Datasource, op: string): Slot {
    if (running >= ctx.limits.maxConcurrentQueries) {
      throw new LogsiftError(
        'limit',
        `more than ${ctx.limits.maxConcurrentQueries} queries at once; try again shortly`,
      );
    }
    running++;
    const controller = new AbortController();
    const limitMs = ds.queryTimeoutMs ?? ctx.limits.queryTimeoutMs;
    const timeout = (): LogsiftError =>
      new LogsiftError('timeout', `${ds.id} did not answer within ${limitMs} ms`);
    let expire: (error: LogsiftError) => void = () => undefined;
    const deadline = new Promise<never>((_resolve, reject) => (expire = reject));
    const timer = setTimeout(() => {
      controller.abort();
      expire(timeout());
    }, limitMs);
    const onClose = (): void => {
      if (!reply.raw.writableEnded) controller.abort();
    };
    reply.raw.on('close', onClose);
    const stop = ctx.metrics.datasourceDuration.startTimer({ datasource: ds.id, op });
    let released = false;
    let expired = false;
    deadline.catch(() => (expired = true));
    return {
      signal: controller.signal,
      deadline,
      expired: () => expired,
      limitMs,
      failure: (error) =>
        controller.signal.aborted && !(error instanceof LogsiftError && error.code !== 'timeout')
          ? timeout()
          : error,
      release() {
        if (released) return;
        released = true;
        stop();
        clearTimeout(timer);
        reply.raw.off('close', onClose);
        running--;
      },
    };
  }

  async function run<T>(
    reply: FastifyReply,
    ds: Datasource,
    op: string,
    call: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const slot = acquire(reply, ds, op);
    try {
      return await Promise.race([call(slot.signal), slot.deadline]);
    } catch (error) {
      throw slot.failure(error);
    } finally {
      slot.release();
    }
  }

  /**
   * Like run, for an answer sent on while it is fetched: the slot, the deadline and the
   * cancellation last until the pages are done, not just until the first one arrives.
   */
  async function runPages(
    reply: FastifyReply,
    ds: Datasource,
    call: (signal: AbortSignal) => Promise<QueryPages>,
  ): Promise<QueryPages> {
    const slot = acquire(reply, ds, 'query');
    let answer: QueryPages;
    try {
      answer = await Promise.race([call(slot.signal), slot.deadline]);
    } catch (error) {
      slot.release();
      throw slot.failure(error);
    }
    let late: string | undefined;
    async function* pages(): AsyncGenerator<LogRecord[]> {
      try {
        yield* answer.pages;
      } catch (error) {
        // What was sent stays an answer; the deadline only cuts it short.
        if (!slot.expired()) throw error;
        late = `stopped at the ${slot.limitMs} ms deadline; load more to go on`;
      } finally {
        slot.release();
      }
    }
    return {
      pages: pages(),
      end() {
        const result = answer.end();
        if (!late) return result;
        const warnings = [...(result.stats.warnings ?? []), late];
        return { ...result, stats: { ...result.stats, truncated: true, warnings } };
      },
    };
  }

  return Object.assign(run, { pages: runPages });
}
export type Runner = ReturnType<typeof createRunner>;
