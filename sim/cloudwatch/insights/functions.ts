import type { Value } from './ast';
import { toNumber, toText } from './values';

/** What a function sees of the row beside its arguments. */
export interface CallContext {
  timestamp: number | undefined;
}

type ScalarFunction = (args: Value[], context: CallContext) => Value;

const text = (v: Value) => toText(v);
const number = (v: Value) => toNumber(v);
const onText =
  (f: (s: string, ...rest: Value[]) => Value): ScalarFunction =>
  ([s, ...rest]) => {
    const t = text(s);
    return t === undefined ? undefined : f(t, ...rest);
  };
const onNumber =
  (f: (n: number) => number): ScalarFunction =>
  ([v]) => {
    const n = number(v);
    return n === undefined ? undefined : f(n);
  };

/** Floors a time to a multiple of `ms` from the epoch (so days start at 00:00 UTC). */
function floorTime(ms: number | undefined, step: Value): Value {
  const size = number(step);
  if (ms === undefined || !size) return undefined;
  return new Date(Math.floor(ms / size) * size);
}

/** The general, string, numeric and date functions of Logs Insights that the simulator knows. */
export const FUNCTIONS: Record<string, ScalarFunction> = {
  bin: ([step], { timestamp }) => floorTime(timestamp, step),
  datefloor: ([time, step]) => floorTime(number(time), step),
  dateceil: ([time, step]) => {
    const ms = number(time);
    const size = number(step);
    return ms === undefined || !size ? undefined : new Date(Math.ceil(ms / size) * size);
  },
  frommillis: ([v]) => {
    const n = number(v);
    return n === undefined ? undefined : new Date(n);
  },
  tomillis: ([v]) => number(v),
  ispresent: ([v]) => v !== undefined,
  isempty: ([v]) => v === undefined || text(v) === '',
  isblank: ([v]) => v === undefined || (text(v) ?? '').trim() === '',
  coalesce: (args) => args.find((v) => v !== undefined && text(v) !== ''),
  concat: (args) => args.map((v) => text(v) ?? '').join(''),
  strlen: onText((s) => [...s].length),
  tolower: onText((s) => s.toLowerCase()),
  toupper: onText((s) => s.toUpperCase()),
  trim: onText((s) => s.trim()),
  ltrim: onText((s) => s.trimStart()),
  rtrim: onText((s) => s.trimEnd()),
  strcontains: onText((s, sub) => (s.includes(text(sub) ?? '') ? 1 : 0)),
  substr: onText((s, start, length) => {
    const from = number(start) ?? 0;
    const count = number(length);
    return count === undefined ? s.slice(from) : s.slice(from, from + count);
  }),
  replace: onText((s, find, by) => s.split(text(find) ?? '').join(text(by) ?? '')),
  abs: onNumber(Math.abs),
  ceil: onNumber(Math.ceil),
  floor: onNumber(Math.floor),
  round: onNumber(Math.round),
  sqrt: onNumber(Math.sqrt),
  log: onNumber(Math.log),
  exp: onNumber(Math.exp),
  greatest: (args) => {
    const ns = args.map(number).filter((n): n is number => n !== undefined);
    return ns.length ? Math.max(...ns) : undefined;
  },
  least: (args) => {
    const ns = args.map(number).filter((n): n is number => n !== undefined);
    return ns.length ? Math.min(...ns) : undefined;
  },
};
