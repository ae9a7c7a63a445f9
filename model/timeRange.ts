import { LogsiftError } from './errors';

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const RELATIVE = /^now(?:-(\d+)([smhdw]))?$/;

/**
 * Resolves one end of a time range to epoch milliseconds. Accepts epoch milliseconds
 * (number or digits), or `now` / `now-<n><s|m|h|d|w>` as Grafana writes them.
 */
export function resolveTime(value: number | string, nowMs: number, name: string): number {
  if (typeof value === 'number') return checkEpoch(value, name);
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return checkEpoch(Number(trimmed), name);
  const match = RELATIVE.exec(trimmed);
  if (!match) {
    throw new LogsiftError(
      'bad_query',
      `${name}: "${value}" is neither epoch milliseconds nor a relative time like now-15m`,
    );
  }
  const [, amount, unit] = match;
  if (amount === undefined || unit === undefined) return nowMs;
  return nowMs - Number(amount) * (UNIT_MS[unit] ?? 0);
}

function checkEpoch(ms: number, name: string): number {
  // 13 digits is milliseconds; a 19-digit nanosecond value here is a caller's mistake.
  if (!Number.isFinite(ms) || ms < 0 || ms > 8.64e15) {
    throw new LogsiftError('bad_query', `${name}: ${ms} is not an epoch time in milliseconds`);
  }
  return Math.floor(ms);
}

export interface ResolvedRange {
  fromMs: number;
  toMs: number;
}

export function resolveRange(
  from: number | string,
  to: number | string,
  nowMs: number,
  maxRangeMs: number,
): ResolvedRange {
  const fromMs = resolveTime(from, nowMs, 'from');
  const toMs = resolveTime(to, nowMs, 'to');
  if (fromMs >= toMs) {
    throw new LogsiftError('bad_query', `from (${fromMs}) must be before to (${toMs})`);
  }
  if (toMs - fromMs > maxRangeMs) {
    throw new LogsiftError(
      'limit',
      `time range of ${Math.round((toMs - fromMs) / 3_600_000)}h is over the limit of ${Math.round(maxRangeMs / 3_600_000)}h`,
    );
  }
  return { fromMs, toMs };
}
