import type { FastifyReply } from 'fastify';
import { LogsiftError, type LogRecord } from '../../model';
import type { Limits, LogsiftConfig } from '../config/schema';
import type { Datasource, QueryPages } from '../datasources/datasource';
import type { DatasourceRegistry } from '../datasources/registry';
import type { Audit } from '../audit/audit';
import type { SavedStore } from '../store/store';
import type { Metrics } from './metrics';
import { answerSize, observeQuery, scanned, type AnswerSize, type Asked } from './observeQuery';

export interface ServerContext {
  config: LogsiftConfig;
  limits: Limits;
  datasources: DatasourceRegistry;
  metrics: Metrics;
  audit: Audit;
  /** True once SIGTERM began the shutdown: /readyz says so while in-flight work finishes. */
  draining: () => boolean;
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
  /** Counted and audited: cancelled instead when the client left first. */
  answered(size: AnswerSize): void;
  failed(error: unknown, size?: AnswerSize): void;
  release(): void;
}

/**
 * Runs datasource calls under the limits: bounded concurrency, a deadline, and
 * cancellation when the client goes away, so abandoned queries stop burning the backend.
 * A query over the concurrency limit waits its turn (first come, first served) within its
 * own deadline instead of being refused: a crowd of users gets slower answers, not errors.
 * Only when the queue itself is full is a query refused.
 */
export function createRunner(ctx: ServerContext) {
  let running = 0;
  /** Queued queries, oldest first; calling one hands it the slot a finished query left. */
  const waiting: (() => void)[] = [];

  function freeSlot(): void {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }

  /** Resolves once a slot is this query's; rejects when its signal aborts first. */
  function waitTurn(signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const turn = (): void => {
        signal.removeEventListener('abort', gone);
        resolve();
      };
      const gone = (): void => {
        waiting.splice(waiting.indexOf(turn), 1);
        reject(new Error('left the queue'));
      };
      waiting.push(turn);
      signal.addEventListener('abort', gone, { once: true });
    });
  }

  async function acquire(
    reply: FastifyReply,
    ds: Datasource,
    op: string,
    asked?: Asked,
  ): Promise<Slot> {
    const observed = observeQuery(ctx, reply.request, ds, op, asked);
    const { maxConcurrentQueries, maxQueuedQueries } = ctx.limits;
    if (running >= maxConcurrentQueries && waiting.length >= maxQueuedQueries) {
      const refused = new LogsiftError(
        'limit',
        `${maxConcurrentQueries} queries running and ${maxQueuedQueries} waiting; try again shortly`,
      );
      observed.failed(refused);
      throw refused;
    }
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
    let left = false;
    const onClose = (): void => {
      if (reply.raw.writableEnded) return;
      left = true;
      controller.abort();
    };
    reply.raw.on('close', onClose);
    let released = false;
    let expired = false;
    deadline.catch(() => (expired = true));
    if (running < maxConcurrentQueries) {
      running++;
    } else {
      try {
        await waitTurn(controller.signal);
      } catch {
        clearTimeout(timer);
        reply.raw.off('close', onClose);
        const busy = new LogsiftError(
          'timeout',
          `waited ${limitMs} ms for one of the ${maxConcurrentQueries} query slots; Logsift is busy, try again shortly`,
        );
        if (left) observed.cancelled();
        else observed.failed(busy);
        throw busy;
      }
    }
    return {
      signal: controller.signal,
      deadline,
      expired: () => expired,
      limitMs,
      failure: (error) =>
        controller.signal.aborted && !(error instanceof LogsiftError && error.code !== 'timeout')
          ? timeout()
          : error,
      answered: (size) => (left ? observed.cancelled(size) : observed.answered(size)),
      failed: (error, size) => (left ? observed.cancelled(size) : observed.failed(error, size)),
      release() {
        if (released) return;
        released = true;
        clearTimeout(timer);
        reply.raw.off('close', onClose);
        freeSlot();
      },
    };
  }

  async function run<T>(
    reply: FastifyReply,
    ds: Datasource,
    op: string,
    call: (signal: AbortSignal) => Promise<T>,
    asked?: Asked,
  ): Promise<T> {
    const slot = await acquire(reply, ds, op, asked);
    try {
      const value = await Promise.race([call(slot.signal), slot.deadline]);
      slot.answered(answerSize(value));
      return value;
    } catch (error) {
      const failure = slot.failure(error);
      slot.failed(failure);
      throw failure;
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
    asked?: Asked,
  ): Promise<QueryPages> {
    const slot = await acquire(reply, ds, 'query', asked);
    let answer: QueryPages;
    try {
      answer = await Promise.race([call(slot.signal), slot.deadline]);
    } catch (error) {
      const failure = slot.failure(error);
      slot.failed(failure);
      slot.release();
      throw failure;
    }
    let late: string | undefined;
    let lines = 0;
    const size = (): AnswerSize => {
      const bytes = scanned(answer.end().stats);
      return { lines, rows: lines, ...(bytes === undefined ? {} : { bytesScanned: bytes }) };
    };
    async function* pages(): AsyncGenerator<LogRecord[]> {
      try {
        for await (const page of answer.pages) {
          lines += page.length;
          yield page;
        }
      } catch (error) {
        slot.failed(slot.failure(error), size());
        // What was sent stays an answer; the deadline only cuts it short.
        if (!slot.expired()) throw error;
        late = `stopped at the ${slot.limitMs} ms deadline; load more to go on`;
      } finally {
        slot.answered(size());
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
