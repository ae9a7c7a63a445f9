import type { FastifyReply } from 'fastify';
import { LogsiftError } from '../../model';
import type { Limits, LogsiftConfig } from '../config/schema';
import type { Datasource } from '../datasources/datasource';
import type { DatasourceRegistry } from '../datasources/registry';
import type { Metrics } from './metrics';

export interface ServerContext {
  config: LogsiftConfig;
  limits: Limits;
  datasources: DatasourceRegistry;
  metrics: Metrics;
  now: () => number;
}

/**
 * Runs one datasource call under the limits: bounded concurrency, a deadline, and
 * cancellation when the client goes away, so abandoned queries stop burning the backend.
 */
export function createRunner(ctx: ServerContext) {
  let running = 0;
  return async function run<T>(
    reply: FastifyReply,
    ds: Datasource,
    op: string,
    call: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    if (running >= ctx.limits.maxConcurrentQueries) {
      throw new LogsiftError(
        'limit',
        `more than ${ctx.limits.maxConcurrentQueries} queries at once; try again shortly`,
      );
    }
    running++;
    const controller = new AbortController();
    const timeout = (): LogsiftError =>
      new LogsiftError('timeout', `${ds.id} did not answer within ${ctx.limits.queryTimeoutMs} ms`);
    // The deadline answers even when a datasource ignores its signal.
    let expire: (error: LogsiftError) => void = () => undefined;
    const deadline = new Promise<never>((_resolve, reject) => (expire = reject));
    const timer = setTimeout(() => {
      controller.abort();
      expire(timeout());
    }, ctx.limits.queryTimeoutMs);
    const onClose = (): void => {
      if (!reply.raw.writableEnded) controller.abort();
    };
    reply.raw.on('close', onClose);
    const stop = ctx.metrics.datasourceDuration.startTimer({ datasource: ds.id, op });
    try {
      return await Promise.race([call(controller.signal), deadline]);
    } catch (error) {
      if (
        controller.signal.aborted &&
        !(error instanceof LogsiftError && error.code !== 'timeout')
      ) {
        throw timeout();
      }
      throw error;
    } finally {
      stop();
      clearTimeout(timer);
      reply.raw.off('close', onClose);
      running--;
    }
  };
}
export type Runner = ReturnType<typeof createRunner>;
