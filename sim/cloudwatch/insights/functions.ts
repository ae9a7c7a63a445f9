import type { Value } from './ast';
import { toNumber, toText } from './values';

/** What a function sees of the row beside its arguments. */
export interface CallContext {
  timestamp: number | undefined;
}

type ScalarFunction = (args: Value[], context: CallContext) => Value;

const onText =
  (f: (s: string, ...rest: Value[]) => Value): ScalarFunction =>
  ([s, ...rest]) => {
    const t = toText(s);
    return t === undefined ? undefined : f(t, ...rest);
  };
const onNumber =
  (f: (n: number) => number): ScalarFunction =>
  ([v]) => {
    const n = toNumber(v);
    return n === undefined ? undefined : f(n);
  };

/** Floors a time to a multiple of `ms` from the epoch (so days start at 00:00 UTC). */
function floorTime(ms: number | undefined, step: Value): Value {
  const size = toNumber(step);
  if (ms === undefined || !size) return undefined;
  return new Date(Math.floor(ms / size) * size);
}

/** The general, string, numeric and date functions of Logs Insights that the simulator knows. */
export const FUNCTIONS: Record<string, ScalarFunction> = {
  bin: ([step], { timestamp }) => floorTime(timestamp, step),
  datefloor: ([time, step]) => floorTime(toNumber(time), step),
  dateceil: ([time, step]) => {
    const ms = toNumber(time);
    const size = toNumber(step);
    return ms === undefined || !size ? undefined : new Date(Math.ceil(ms / size) * size);
  },
  frommillis: ([v]) => {
    const n = toNumber(v);
    return n === undefined ? undefined : new Date(n);
  },
  tomillis: ([v]) => toNumber(v),
  ispresent: ([v]) => v !== undefined,
  isempty: ([v]) => v === undefined || toText(v) === '',
  isblank: ([v]) => v === undefined || (toText(v) ?? '').trim() === '',
  coalesce: (args) => args.find((v) => v !== undefined && toText(v) !== ''),
  concat: (args) => args.map((v) => toText(v) ?? '').join(''),
  strlen: onText((s) => [...s].length),
  tolower: onText((s) => s.toLowerCase()),
  toupper: onText((s) => s.toUpperCase()),
  trim: onText((s) => s.trim()),
  ltrim: onText((s) => s.trimStart()),
  rtrim: onText((s) => s.trimEnd()),
  strcontains: onText((s, sub) => (s.includes(toText(sub) ?? '') ? 1 : 0)),
  substr: onText((s, start, length) => {
    const from = toNumber(start) ?? 0;
    const count = toNumber(length);
    return count === undefined ? s.slice(from) : s.slice(from, from + count);
  }),
  replace: onText((s, find, by) => s.split(toText(find) ?? '').join(toText(by) ?? '')),
  abs: onNumber(Math.abs),
  ceil: onNumber(Math.ceil),
  floor: onNumber(Math.floor),
  round: onNumber(Math.round),
  sqrt: onNumber(Math.sqrt),
  log: onNumber(Math.log),
  exp: onNumber(Math.exp),
  greatest: (args) => {
    const ns = args.map(toNumber).filter((n): n is number => n !== undefined);
    return ns.length ? Math.max(...ns) : undefined;
  },
  least: (args) => {
    const ns = args.map(toNumber).filter((n): n is number => n !== undefined);
    return ns.length ? Math.min(...ns) : undefined;
  },
};
