import {
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
  type QueryStatistics,
} from '@aws-sdk/client-cloudwatch-logs';
import { LogsiftError } from '../../../model';
import { AnswerCache } from './answerCache';
import { growingDelays, sleep } from './backoff';
import type { ScanBudget } from './budget';
import type { CloudWatchApi } from './client';
import { Coalescer } from './coalesce';
import type { CloudWatchDatasourceConfig } from './config';
import { statusError } from './errors';
import { QuerySlots } from './querySlots';
import type { InsightsRow } from './records';

/** One StartQuery as sent: the cache and coalescing key. */
export interface InsightsSpec {
  queryString: string;
  logGroupNames: string[];
  /** Epoch seconds, both inclusive, as StartQuery takes them. */
  startTime: number;
  endTime: number;
  limit: number;
}

export interface InsightsAnswer {
  rows: InsightsRow[];
  statistics: QueryStatistics | undefined;
  /** From the cache: this answer scanned nothing now. */
  cached?: boolean;
}

export type InsightsProgress =
  | { state: 'queued'; position: number }
  | { state: 'running'; rows: InsightsRow[]; statistics: QueryStatistics | undefined };

export interface RunOptions {
  signal: AbortSignal;
  user?: string;
  onProgress?: (progress: InsightsProgress) => void;
  /** Where the user's text is in `queryString`, for error positions. */
  userText?: { offset: number; length: number };
}

const RUNNING = new Set(['Scheduled', 'Running']);

/**
 * Runs Logs Insights queries: from the cache when an identical query over the identical
 * range completed lately; joined to an identical one already running; else queued for one
 * of the datasource's query slots, started, polled with growing waits until a terminal
 * status, and stopped with StopQuery when every caller left, the scan budget ran out or the
 * datasource closes, so no query keeps running on AWS for nobody.
 */
export class InsightsRunner {
  private readonly slots: QuerySlots;
  private readonly cache: AnswerCache<InsightsAnswer>;
  private readonly coalescer = new Coalescer<InsightsAnswer, InsightsProgress>();
  /** Query ids started and not yet ended. */
  private readonly live = new Set<string>();
  /** Ends every run when the datasource closes; each stops its own query on the way out. */
  private readonly closing = new AbortController();
  private readonly executions = new Set<Promise<unknown>>();

  constructor(
    private readonly api: CloudWatchApi,
    private readonly config: CloudWatchDatasourceConfig,
    private readonly budget: ScanBudget,
    now: () => number = Date.now,
  ) {
    this.slots = new QuerySlots(config.limits.maxConcurrentQueries);
    this.cache = new AnswerCache(config.cache.ttlMs, config.cache.maxEntries, now);
  }

  run(spec: InsightsSpec, opts: RunOptions): Promise<InsightsAnswer> {
    if (this.closing.signal.aborted) {
      return Promise.reject(new LogsiftError('backend_unavailable', 'the datasource is closed'));
    }
    const key = JSON.stringify(spec);
    const cached = this.cache.get(key);
    if (cached) return Promise.resolve({ ...cached, cached: true });
    const allowance = this.budget.allowance(opts.user);
    return this.coalescer.run(
      key,
      async (signal, progress) => {
        const both = AbortSignal.any([signal, this.closing.signal]);
        const execution = this.execute(spec, opts, allowance, both, progress);
        this.executions.add(execution);
        try {
          const answer = await execution;
          this.cache.set(key, answer);
          return answer;
        } finally {
          this.executions.delete(execution);
        }
      },
      opts.signal,
      opts.onProgress,
    );
  }

  private async execute(
    spec: InsightsSpec,
    opts: RunOptions,
    allowance: { bytes: number; which: 'query' | 'day' },
    signal: AbortSignal,
    progress: (p: InsightsProgress) => void,
  ): Promise<InsightsAnswer> {
    const release = await this.slots.acquire(signal, (position) =>
      progress({ state: 'queued', position }),
    );
    const sent = opts.userText && { text: spec.queryString, ...opts.userText };
    let queryId: string | undefined;
    let scanned = 0;
    try {
      // The request itself is not aborted with the caller: a StartQuery cut off in flight may
      // still have started a query whose id would be lost. The id comes back, and is stopped
      // below; only the waits between retries end with the caller.
      const started = await this.api.call(
        'StartQuery',
        () =>
          this.api.sdk.send(new StartQueryCommand(spec), {
            abortSignal: AbortSignal.timeout(this.config.timeoutMs),
          }),
        signal,
        sent ? { sent } : {},
      );
      queryId = started.queryId;
      if (!queryId) throw new LogsiftError('backend_unavailable', 'StartQuery returned no id');
      this.live.add(queryId);
      const id = queryId;
      const { initialMs, factor, maxMs } = this.config.poll;
      for (const delay of growingDelays(initialMs, factor, maxMs)) {
        await sleep(delay, signal);
        const res = await this.api.call(
          'GetQueryResults',
          (s) => this.api.sdk.send(new GetQueryResultsCommand({ queryId: id }), { abortSignal: s }),
          signal,
        );
        scanned = res.statistics?.bytesScanned ?? scanned;
        const answer = { rows: res.results ?? [], statistics: res.statistics };
        if (res.status === 'Complete') {
          this.live.delete(id);
          return answer;
        }
        if (!RUNNING.has(res.status ?? '')) {
          this.live.delete(id);
          throw statusError(res.status);
        }
        if (scanned > allowance.bytes) {
          throw this.budget.exceeded(opts.user, allowance.which, scanned);
        }
        progress({ state: 'running', ...answer });
      }
      throw new LogsiftError('internal', 'polling ended');
    } finally {
      this.budget.charge(opts.user, scanned);
      if (queryId && this.live.has(queryId)) await this.stop(queryId);
      release();
    }
  }

  /** StopQuery, once; "already ended" and other failures are not the caller's concern. */
  private async stop(queryId: string): Promise<void> {
    this.live.delete(queryId);
    await this.api
      .call(
        'StopQuery',
        (s) => this.api.sdk.send(new StopQueryCommand({ queryId }), { abortSignal: s }),
        AbortSignal.timeout(this.config.timeoutMs),
      )
      .catch(() => undefined);
  }

  /**
   * Ends every run and waits while each stops its query, including one whose StartQuery is
   * still on its way back: its id arrives, and it is stopped before the client goes.
   */
  async close(): Promise<void> {
    this.closing.abort();
    await Promise.allSettled([...this.executions]);
  }
}
