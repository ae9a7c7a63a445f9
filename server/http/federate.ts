import type { Facet, Histogram, LogRecord, ScanStats } from '../../model';
import type { DatasourceQueryResult } from '../datasources/datasource';

function compareTs(a: LogRecord, b: LogRecord): number {
  const x = BigInt(a.ts);
  const y = BigInt(b.ts);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** What several billed scans cost together; absent when none was billed. */
function addScans(scans: (ScanStats | undefined)[]): { scan?: ScanStats } {
  const billed = scans.filter((s): s is ScanStats => s !== undefined);
  if (billed.length === 0) return {};
  return {
    scan: {
      recordsScanned: billed.reduce((n, s) => n + s.recordsScanned, 0),
      bytesScanned: billed.reduce((n, s) => n + s.bytesScanned, 0),
      costUsd: billed.reduce((n, s) => n + s.costUsd, 0),
      ...(billed.every((s) => s.cached) ? { cached: true } : {}),
    },
  };
}

/** Federated search: answers of several datasources merged by time, cut to the limit. */
export function mergeQueryResults(
  results: DatasourceQueryResult[],
  limit: number,
  direction: 'backward' | 'forward',
): DatasourceQueryResult {
  const [only] = results;
  if (results.length === 1 && only) return only;
  const records = results
    .flatMap((r) => r.records)
    .sort((a, b) => (direction === 'backward' ? compareTs(b, a) : compareTs(a, b)));
  const truncated = records.length > limit || results.some((r) => r.stats.truncated);
  const warnings = results.flatMap((r) => r.stats.warnings ?? []);
  return {
    records: records.slice(0, limit),
    stats: {
      scanned: results.reduce((n, r) => n + r.stats.scanned, 0),
      returned: Math.min(limit, records.length),
      tookMs: Math.max(...results.map((r) => r.stats.tookMs)),
      truncated,
      ...(warnings.length > 0 ? { warnings } : {}),
      ...addScans(results.map((r) => r.stats.scan)),
    },
  };
}

/** Histograms of the same range and step add up bucket by bucket, series by name. */
export function mergeHistograms(histograms: Histogram[]): Histogram {
  const [first] = histograms;
  if (!first) throw new Error('no histogram to merge');
  const series = new Map<string, number[]>();
  for (const h of histograms) {
    for (const s of h.series) {
      const sum = series.get(s.name) ?? new Array<number>(first.times.length).fill(0);
      s.counts.forEach((c, i) => (sum[i] = (sum[i] ?? 0) + c));
      series.set(s.name, sum);
    }
  }
  return {
    stepMs: first.stepMs,
    times: first.times,
    series: [...series].map(([name, counts]) => ({ name, counts })),
    ...addScans(histograms.map((h) => h.scan)),
  };
}

/** Facets add up value by value; each field keeps as many top values as its sources gave. */
export function mergeFacets(lists: Facet[][]): Facet[] {
  const [only] = lists;
  if (lists.length === 1 && only) return only;
  const top = Math.max(1, ...lists.flat().map((f) => f.values.length));
  const byField = new Map<
    string,
    { values: Map<string, number>; other: number; sampled: boolean; scans: ScanStats[] }
  >();
  for (const list of lists) {
    for (const f of list) {
      const acc = byField.get(f.field) ?? {
        values: new Map(),
        other: 0,
        sampled: false,
        scans: [] as ScanStats[],
      };
      for (const v of f.values) acc.values.set(v.value, (acc.values.get(v.value) ?? 0) + v.count);
      acc.other += f.other;
      acc.sampled ||= f.sampled;
      if (f.scan) acc.scans.push(f.scan);
      byField.set(f.field, acc);
    }
  }
  return [...byField].map(([field, acc]) => {
    const sorted = [...acc.values].sort((a, b) => b[1] - a[1]);
    const rest = sorted.slice(top).reduce((n, [, c]) => n + c, 0);
    return {
      field,
      values: sorted.slice(0, top).map(([value, count]) => ({ value, count })),
      other: acc.other + rest,
      sampled: acc.sampled,
      ...addScans(acc.scans),
    };
  });
}
