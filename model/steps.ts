const NICE_STEPS_MS = [
  1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
  1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
];

/** The smallest round step giving at most `buckets` buckets, as Grafana and Kibana pick intervals. */
export function niceStepMs(rangeMs: number, buckets: number): number {
  const wanted = rangeMs / Math.max(1, buckets);
  return NICE_STEPS_MS.find((s) => s >= wanted) ?? Math.ceil(wanted / 86_400_000) * 86_400_000;
}

/** About one bar per 8 pixels, within reason: a wide screen shows finer time, a phone coarser. */
export function bucketsForWidth(widthPx: number): number {
  return Math.min(300, Math.max(30, Math.round(widthPx / 8)));
}
