import { randomUUID } from 'node:crypto';
import type { InsightsAnswer, ResultField } from './insights/run';
import type { EndedStatus, ResolvedCloudWatchSimOptions } from './options';

export type QueryStatus = 'Scheduled' | 'Running' | 'Complete' | EndedStatus;

export interface QueryRecord {
  queryId: string;
  queryString: string;
  logGroupNames: string[];
  /** Wall-clock ms, as DescribeQueries reports it. */
  createTime: number;
  /** Computed just after StartQuery answers; until then the query shows no rows. */
  answer?: InsightsAnswer;
  endsWith: 'Complete' | EndedStatus;
  /** Set by StopQuery: the query is Cancelled with the rows it had then. */
  stoppedAt?: number;
}

export interface QueryProgress {
  status: QueryStatus;
  rows: ResultField[][];
  statistics: { recordsMatched: number; recordsScanned: number; bytesScanned: number };
}

/** Ended queries kept for GetQueryResults; older ones are forgotten, so long benches keep memory. */
const KEPT_QUERIES = 500;

const NO_ANSWER: InsightsAnswer = {
  rows: [],
  recordsMatched: 0,
  recordsScanned: 0,
  bytesScanned: 0,
};

/** What a query that ended badly keeps of its rows: a timed-out one got halfway. */
const SHARE_KEPT: Record<EndedStatus, number> = { Failed: 0, Timeout: 0.5, Cancelled: 0.5 };

/**
 * The account's Insights queries. A query's whole answer is computed once, when it starts; its
 * status and the growing prefix of rows it shows come from the time since then.
 */
export class QueryRegistry {
  private readonly queries = new Map<string, QueryRecord>();

  constructor(
    private readonly options: ResolvedCloudWatchSimOptions,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Registers a query now and computes its answer on the next turn of the event loop. */
  add(
    record: Omit<QueryRecord, 'queryId' | 'createTime' | 'answer'>,
    compute: () => InsightsAnswer,
  ): QueryRecord {
    const full: QueryRecord = { ...record, queryId: randomUUID(), createTime: this.clock() };
    this.forgetOld();
    this.queries.set(full.queryId, full);
    setImmediate(() => {
      try {
        full.answer = compute();
      } catch {
        // A query the evaluator cannot run fails as CloudWatch's do: status Failed, no rows.
        full.endsWith = 'Failed';
        full.answer = NO_ANSWER;
      }
    });
    return full;
  }

  private forgetOld(): void {
    let excess = this.queries.size - KEPT_QUERIES + 1;
    // A Map iterates in insertion order: the oldest queries first.
    for (const record of this.queries.values()) {
      if (excess <= 0) return;
      const status = this.status(record);
      if (status !== 'Scheduled' && status !== 'Running') {
        this.queries.delete(record.queryId);
        excess--;
      }
    }
  }

  get(queryId: string): QueryRecord | undefined {
    return this.queries.get(queryId);
  }

  all(): QueryRecord[] {
    return [...this.queries.values()];
  }

  /** How far the query has run at `at`, 0 to 1; it cannot end before its answer exists. */
  private fraction(record: QueryRecord, at: number): number {
    const running = at - record.createTime - this.options.scheduledMs;
    if (running < 0) return 0;
    const duration = this.options.queryDurationMs;
    const fraction = duration <= 0 ? 1 : Math.min(1, running / duration);
    return record.answer ? fraction : Math.min(fraction, 0.99);
  }

  status(record: QueryRecord): QueryStatus {
    if (record.stoppedAt !== undefined) return 'Cancelled';
    const now = this.clock();
    if (now - record.createTime < this.options.scheduledMs) return 'Scheduled';
    return this.fraction(record, now) < 1 ? 'Running' : record.endsWith;
  }

  /** Scheduled and Running queries: what the account's concurrency quota counts. */
  active(): number {
    return this.all().filter((q) => {
      const status = this.status(q);
      return status === 'Scheduled' || status === 'Running';
    }).length;
  }

  progress(record: QueryRecord): QueryProgress {
    const status = this.status(record);
    const answer = record.answer ?? {
      rows: [],
      recordsMatched: 0,
      recordsScanned: 0,
      bytesScanned: 0,
    };
    const share =
      status === 'Scheduled' || status === 'Running' || record.stoppedAt !== undefined
        ? this.fraction(record, record.stoppedAt ?? this.clock())
        : status === 'Complete'
          ? 1
          : SHARE_KEPT[status];
    const part = (n: number) => Math.floor(n * share);
    return {
      status,
      rows: answer.rows.slice(0, part(answer.rows.length)),
      statistics: {
        recordsMatched: part(answer.recordsMatched),
        recordsScanned: part(answer.recordsScanned),
        bytesScanned: part(answer.bytesScanned),
      },
    };
  }

  stop(record: QueryRecord): void {
    record.stoppedAt = this.clock();
  }
}
