import type { Value } from './ast';
import { compareValues, toNumber, toText } from './values';

/** Folds the values an argument took over a group's events; `params` are the other arguments. */
type Aggregate = (values: Value[], params: Value[]) => Value;

const numbers = (values: Value[]) =>
  values.map(toNumber).filter((n): n is number => n !== undefined);

const present = (values: Value[]) => values.filter((v) => v !== undefined);

function extreme(values: Value[], sign: 1 | -1): Value {
  const nums = numbers(values);
  if (nums.length > 0) return sign > 0 ? Math.max(...nums) : Math.min(...nums);
  return present(values).reduce<Value>(
    (best, v) => (best === undefined || compareValues(v, best) * sign > 0 ? v : best),
    undefined,
  );
}

/** The stats functions that fold values; `count_distinct` is exact (CloudWatch estimates it). */
export const AGGREGATES: Record<string, Aggregate> = {
  count: (values) => present(values).length,
  count_distinct: (values) => new Set(present(values).map(toText)).size,
  sum: (values) => numbers(values).reduce((a, b) => a + b, 0),
  avg: (values) => {
    const nums = numbers(values);
    return nums.length ? nums.reduce((a, b) => a + b, 0) / nums.length : undefined;
  },
  min: (values) => extreme(values, -1),
  max: (values) => extreme(values, 1),
  pct: (values, [percent]) => {
    const nums = numbers(values).sort((a, b) => a - b);
    const p = toNumber(percent) ?? 50;
    if (nums.length === 0) return undefined;
    return nums[Math.min(nums.length - 1, Math.max(0, Math.ceil((p / 100) * nums.length) - 1))];
  },
  stddev: (values) => {
    const nums = numbers(values);
    if (nums.length === 0) return undefined;
    const mean = nums.reduce((a, b) => a + b, 0) / nums.length;
    return Math.sqrt(nums.reduce((a, n) => a + (n - mean) ** 2, 0) / nums.length);
  },
};

/** Every stats function: those above, and those reading the value at a time edge (evaluate.ts). */
export const AGGREGATE_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(AGGREGATES),
  'earliest',
  'latest',
]);
