import { niceStepMs } from '../../model';
import type { Builtins } from '../../query/variables';
import { formatDuration } from '../explore/histogram/stepText';

/** Bars across a range when no chart width decides: a dashboard's step, and `$__interval`'s. */
export const VARIABLE_BUCKETS = 120;

/** Grafana's `$__interval` and `$__range` for a resolved range, as LogQL durations. */
export function timeBuiltins(fromMs: number, toMs: number): Builtins {
  return {
    __interval: formatDuration(niceStepMs(toMs - fromMs, VARIABLE_BUCKETS)),
    __range: formatDuration(toMs - fromMs),
  };
}
