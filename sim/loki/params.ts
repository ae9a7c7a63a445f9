import { parseDurationMs } from '../../query/logql/literals';
import { LokiHttpError } from './httpError';

/** Epoch nanoseconds: Loki's own unit, kept exact (a double loses the last digits). */
export type Nanos = bigint;

export const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;
const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

export function msToNanos(ms: number): Nanos {
  return BigInt(Math.floor(ms)) * NS_PER_MS;
}

/**
 * Loki's parseTimestamp: a value with a dot is float seconds (kept to the millisecond), a
 * whole number of at most 10 digits is seconds, a longer one nanoseconds, else RFC3339Nano.
 */
export function parseLokiTime(value: string | null, fallback: Nanos): Nanos {
  if (value === null || value === '') return fallback;
  if (value.includes('.') && /^[+-]?\d*\.\d*(?:[eE][+-]?\d+)?$/.test(value)) {
    const seconds = Number(value);
    if (Number.isFinite(seconds)) {
      const whole = Math.trunc(seconds);
      const millis = Math.round((seconds - whole) * 1000);
      return BigInt(whole) * NS_PER_S + BigInt(millis) * NS_PER_MS;
    }
  }
  if (/^[+-]?\d+$/.test(value)) {
    const n = BigInt(value);
    return value.replace(/^[+-]/, '').length <= 10 ? n * NS_PER_S : n;
  }
  const rfc = RFC3339.exec(value);
  const ms = rfc ? Date.parse(`${rfc[1]}${rfc[3]}`) : Number.NaN;
  if (rfc && Number.isFinite(ms)) {
    return BigInt(ms) * NS_PER_MS + BigInt((rfc[2] ?? '').padEnd(9, '0') || '0');
  }
  throw new LokiHttpError(
    400,
    `strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`,
  );
}

/** Step, since and interval: float seconds or a Prometheus duration, in milliseconds. */
export function parseSecondsOrDuration(value: string): number {
  const seconds = Number(value);
  if (value.trim() !== '' && Number.isFinite(seconds)) return seconds * 1000;
  const ms = parseDurationMs(value);
  if (ms === undefined) {
    throw new LokiHttpError(400, `cannot parse ${JSON.stringify(value)} to a valid duration`);
  }
  return ms;
}

export interface Bounds {
  start: Nanos;
  end: Nanos;
}

/** Loki's determineBounds: end defaults to now, start to end minus `since` (or the default). */
export function readBounds(params: URLSearchParams, nowMs: number, defaultSinceMs: number): Bounds {
  const end = parseLokiTime(params.get('end'), msToNanos(nowMs));
  const since = params.get('since');
  const sinceMs = since ? parseSecondsOrDuration(since) : defaultSinceMs;
  const start = parseLokiTime(params.get('start'), end - msToNanos(sinceMs));
  return { start, end };
}

export function readLimit(params: URLSearchParams, fallback = 100): number {
  return parseLimit(params.get('limit'), fallback);
}

/** A positive whole number, as Loki's limit parameters take it. */
export function parseLimit(value: string | null, fallback: number): number {
  if (value === null || value === '') return fallback;
  if (!/^[+-]?\d+$/.test(value)) {
    throw new LokiHttpError(400, `strconv.Atoi: parsing ${JSON.stringify(value)}: invalid syntax`);
  }
  const limit = Number(value);
  if (limit <= 0) throw new LokiHttpError(400, 'limit must be a positive value');
  return limit;
}

export type Direction = 'forward' | 'backward';

export function readDirection(params: URLSearchParams): Direction {
  const value = params.get('direction');
  if (value === null || value === '') return 'backward';
  const lower = value.toLowerCase();
  if (lower === 'forward' || lower === 'backward') return lower;
  throw new LokiHttpError(400, `invalid direction '${value}'`);
}

/** Loki's default step: the range cut into about 250 points, at least one second. */
export function defaultStepMs(bounds: Bounds): number {
  const seconds = Number((bounds.end - bounds.start) / NS_PER_MS) / 1000;
  return Math.max(Math.floor(seconds / 250), 1) * 1000;
}
