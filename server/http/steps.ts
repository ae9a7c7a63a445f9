const NICE_STEPS_MS = [
  1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
  1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
];

const TARGET_BUCKETS = 150;
/** Beyond this a histogram is a denial of service, not a chart (cf. ES search.max_buckets). */
export const MAX_BUCKETS = 11_000;

/** The smallest round step giving at most ~150 buckets, as Grafana and Kibana pick intervals. */
export function defaultStepMs(rangeMs: number): number {
  const wanted = rangeMs / TARGET_BUCKETS;
  return NICE_STEPS_MS.find((s) => s >= wanted) ?? Math.ceil(wanted / 86_400_000) * 86_400_000;
}
