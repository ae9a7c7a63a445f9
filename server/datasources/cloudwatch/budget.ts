import { LogsiftError, type ScanStats } from '../../../model';

const GIB = 2 ** 30;
export const ANONYMOUS = 'anonymous';

/** What a scan costs at `pricePerGb` USD per GB (2^30 bytes, as AWS bills). */
export function scanStats(
  statistics: { recordsScanned?: number; bytesScanned?: number } | undefined,
  pricePerGb: number,
): ScanStats {
  const bytesScanned = statistics?.bytesScanned ?? 0;
  return {
    recordsScanned: statistics?.recordsScanned ?? 0,
    bytesScanned,
    costUsd: (bytesScanned / GIB) * pricePerGb,
  };
}

/** The scan of one answer; one from the cache scanned nothing now. */
export function answerScan(
  answer: {
    statistics?: { recordsScanned?: number; bytesScanned?: number } | undefined;
    cached?: boolean;
  },
  pricePerGb: number,
): ScanStats {
  const scan = scanStats(answer.statistics, pricePerGb);
  return answer.cached ? { recordsScanned: 0, bytesScanned: 0, costUsd: 0, cached: true } : scan;
}

function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value >= 10 ? 0 : 1)} ${units[unit]}`;
}

/**
 * The scan budgets: per query (a running query that passes it is stopped) and per user per
 * UTC day (a user past it is refused until midnight UTC). Kept in memory: a restart forgets
 * the day's spending, which errs on the side of answering.
 */
export class ScanBudget {
  private readonly spent = new Map<string, { day: string; bytes: number }>();

  constructor(
    private readonly perQueryBytes: number,
    private readonly perUserPerDayBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  private day(): string {
    return new Date(this.now()).toISOString().slice(0, 10);
  }

  spentToday(user = ANONYMOUS): number {
    const entry = this.spent.get(user);
    return entry && entry.day === this.day() ? entry.bytes : 0;
  }

  /**
   * The most a query of `user` may scan now: the per-query budget or what is left of the
   * day's, whichever is smaller. Throws when nothing is left.
   */
  allowance(user = ANONYMOUS): { bytes: number; which: 'query' | 'day' } {
    const left = this.perUserPerDayBytes - this.spentToday(user);
    if (left <= 0) {
      throw new LogsiftError(
        'limit',
        `the daily CloudWatch scan budget of ${formatBytes(this.perUserPerDayBytes)} for ${user} is used up (${formatBytes(this.spentToday(user))} scanned today, 0 B left); it renews at 00:00 UTC`,
      );
    }
    return left < this.perQueryBytes
      ? { bytes: left, which: 'day' }
      : { bytes: this.perQueryBytes, which: 'query' };
  }

  charge(user: string | undefined, bytes: number): void {
    const who = user ?? ANONYMOUS;
    this.spent.set(who, { day: this.day(), bytes: this.spentToday(who) + bytes });
  }

  /** The error of a query stopped for passing its allowance. */
  exceeded(user: string | undefined, which: 'query' | 'day', scanned: number): LogsiftError {
    const who = user ?? ANONYMOUS;
    if (which === 'query') {
      return new LogsiftError(
        'limit',
        `the query was stopped after scanning ${formatBytes(scanned)}, past the per-query CloudWatch scan budget of ${formatBytes(this.perQueryBytes)}; narrow the time range or the log groups`,
      );
    }
    const left = Math.max(0, this.perUserPerDayBytes - this.spentToday(who));
    return new LogsiftError(
      'limit',
      `the query was stopped after scanning ${formatBytes(scanned)}: it reached the daily CloudWatch scan budget of ${formatBytes(this.perUserPerDayBytes)} for ${who} (${formatBytes(left)} left today; it renews at 00:00 UTC)`,
    );
  }
}
