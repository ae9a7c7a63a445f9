import { niceStepMs } from '../../model';

const TARGET_BUCKETS = 150;
/** Beyond this a histogram is a denial of service, not a chart (cf. ES search.max_buckets). */
export const MAX_BUCKETS = 11_000;

/** The smallest round step giving at most ~150 buckets, as Grafana and Kibana pick intervals. */
export function defaultStepMs(rangeMs: number): number {
  return niceStepMs(rangeMs, TARGET_BUCKETS);
}
