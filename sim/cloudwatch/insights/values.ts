import type { Value } from './ast';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2024-05-19 06:10:35.743`: how Insights writes a time, always UTC. */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
  );
}

/** The string a value is sent as; absent values are left out of the row. */
export function toText(value: Value): string | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date) return formatTimestamp(value.getTime());
  return String(value);
}

const NUMERIC = /^\s*-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** A number, from a number, a time (its epoch ms) or a string that is only a number. */
export function toNumber(value: Value): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  return undefined;
}

export function truthy(value: Value): boolean {
  if (value === undefined || value === '' || value === 0 || value === false) return false;
  return true;
}

/** Insights' "updated natural sort": text before numbers; digit runs by length, then value. */
function naturalText(a: string, b: string): number {
  const chunks = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const ca = chunks(a);
  const cb = chunks(b);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i] as string;
    const y = cb[i] as string;
    if (x === y) continue;
    const xd = /^\d/.test(x);
    const yd = /^\d/.test(y);
    if (xd && yd) return x.length - y.length || (x < y ? -1 : 1);
    return x < y ? -1 : 1;
  }
  return ca.length - cb.length;
}

/** Ascending order of two present values. */
export function compareValues(a: Value, b: Value): number {
  const na = typeof a === 'string' ? undefined : toNumber(a);
  const nb = typeof b === 'string' ? undefined : toNumber(b);
  const numberA = na ?? (typeof a === 'string' && /^\d+$/.test(a) ? Number(a) : undefined);
  const numberB = nb ?? (typeof b === 'string' && /^\d+$/.test(b) ? Number(b) : undefined);
  if (numberA !== undefined && numberB !== undefined) return numberA - numberB;
  if (numberA !== undefined) return 1;
  if (numberB !== undefined) return -1;
  return naturalText(String(toText(a)), String(toText(b)));
}
