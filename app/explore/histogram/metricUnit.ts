import { parser } from '@grafana/lezer-logql';

const RANGE_UNITS: Record<string, string> = {
  Rate: 'lines/s',
  CountOverTime: 'lines',
  BytesRate: 'B/s',
  BytesOverTime: 'B',
};

/**
 * The unit of a LogQL metric query's values, from its range function: `rate` counts lines a
 * second, `bytes_over_time` bytes. None when arithmetic, `count` of series or an unwrapped
 * field makes the unit the user's own.
 */
export function metricUnit(query: string): string | undefined {
  let unit: string | undefined;
  let mixed = false;
  let sawRange = false;
  parser.parse(query).iterate({
    enter(node) {
      if (node.name === 'BinOpExpr' || node.name === 'UnwrapExpr') mixed = true;
      if (node.name === 'VectorOp' && node.node.firstChild?.name === 'Count') mixed = true;
      if (node.name === 'RangeOp' && !sawRange) {
        sawRange = true;
        unit = RANGE_UNITS[node.node.firstChild?.name ?? ''];
      }
      return undefined;
    },
  });
  return mixed ? undefined : unit;
}

const PREFIXES: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** Axis and tooltip numbers: 1.5k, 2M, 0.25; three significant digits at most. */
export function shortNumber(value: number): string {
  const abs = Math.abs(value);
  for (const [size, prefix] of PREFIXES) {
    if (abs >= size) return `${trim(value / size)}${prefix}`;
  }
  return trim(value);
}

function trim(n: number): string {
  if (n === 0) return '0';
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : Math.abs(n) >= 1 ? 2 : 3;
  return String(Number(n.toFixed(digits)));
}
