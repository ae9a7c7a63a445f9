import type { Facet, Histogram, LogRecord, ScanStats } from '../../model';
import type { DatasourceQueryResult } from '../datasources/datasource';

/** Decimal nanosecond strings without leading zeros order by length, then as text: no BigInt per comparison. */
function compareTs(a: LogRecord, b: LogRecord): number {
  return a.ts.length - b.ts.length || (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0);
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

const isSorted = (list: LogRecord[], order: (a: LogRecord, b: LogRecord) => number) =>
  list.every((r, i) => i === 0 || order(list[i - 1] ?? r, r) <= 0);

/**
 * The first `limit` records of lists merged in order. Each source answers in order already,
 * so this walks their heads (a few comparisons a record) rather than sorting them all again
 * after the slowest source; a list out of order is sorted first.
 */
function mergeSorted(
  lists: LogRecord[][],
  limit: number,
  order: (a: LogRecord, b: LogRecord) => number,
): LogRecord[] {
  const sorted = lists.map((l) => (isSorted(l, order) ? l : [...l].sort(order)));
  const at = sorted.map(() => 0);
  const out: LogRecord[] = [];
  while (out.length < limit) {
    let pick = -1;
    sorted.forEach((list, k) => {
      const head = list[at[k] ?? 0];
      const best = sorted[pick]?.[at[pick] ?? 0];
      if (head && (!best || order(head, best) < 0)) pick = k;
    });
    const next = sorted[pick]?.[at[pick] ?? 0];
    if (!next) break;
    out.push(next);
    at[pick] = (at[pick] ?? 0) + 1;
  }
  return out;
}

/** Federated search: answers of several datasources merged by time, cut to the limit. */
export function mergeQueryResults(
  results: DatasourceQueryResult[],
  limit: number,
  direction: 'backward' | 'forward',
): DatasourceQueryResult {
  const [only] = results;
  if (results.length === 1 && only) return only;
  const order = (a: LogRecord, b: LogRecord) =>
    direction === 'backward' ? compareTs(b, a) : compareTs(a, b);
  const records = mergeSorted(
    results.map((r) => r.records),
    limit,
    order,
  );
  const total = results.reduce((n, r) => n + r.records.length, 0);
  const truncated = total > limit || results.some((r) => r.stats.truncated);
  const warnings = results.flatMap((r) => r.stats.warnings ?? []);
  return {
    records,
    stats: {
      scanned: results.reduce((n, r) => n + r.stats.scanned, 0),
      returned: records.length,
      tookMs: Math.max(...results.map((r) => r.stats.tookMs)),
      truncated,
      ...(warnings.length > 0 ? { warnings } : {}),
      ...addScans(results.map((r) => r.stats.scan)),
    },
  };
}

/**
 * A federated histogram: one series per datasource (its levels added up), so the bars stack
 * by source. Buckets are matched by their start time, in case a backend left one out.
 */
export function stackBySource(parts: { source: string; histogram: Histogram }[]): Histogram {
  const [first] = parts;
  if (!first) throw new Error('no histogram to merge');
  const times = [...new Set(parts.flatMap((p) => p.histogram.times))].sort((a, b) => a - b);
  const slot = new Map(times.map((t, i) => [t, i]));
  const series = parts.map(({ source, histogram }) => {
    const counts = new Array<number>(times.length).fill(0);
    for (const s of histogram.series) {
      s.counts.forEach((c, i) => {
        const at = slot.get(histogram.times[i] ?? Number.NaN);
        if (at !== undefined) counts[at] = (counts[at] ?? 0) + c;
      });
    }
    return { name: source, counts };
  });
  return {
    stepMs: first.histogram.stepMs,
    times,
    series,
    ...addScans(parts.map((p) => p.histogram.scan)),
  };
}

/**
 * The record's level is `detected_level` where Loki's conventions name it (Loki, the local
 * engine) and `level` in Elasticsearch's documents: in a federated answer both count as `level`.
 */
function levelAsLevel(list: Facet[]): Facet[] {
  if (list.some((f) => f.field === 'level')) return list;
  return list.map((f) => (f.field === 'detected_level' ? { ...f, field: 'level' } : f));
}

/** Lines a facet was counted on: its sample when sampled, else every value and the rest. */
const countedOn = (f: Facet): number =>
  f.sampleSize ?? f.values.reduce((n, v) => n + v.count, f.other);

/** Facets add up value by value; each field keeps as many top values as its sources gave. */
export function mergeFacets(lists: Facet[][]): Facet[] {
  const [only] = lists;
  if (lists.length === 1 && only) return only;
  const top = Math.max(1, ...lists.flat().map((f) => f.values.length));
  const byField = new Map<string, Facet[]>();
  for (const f of lists.flatMap(levelAsLevel))
    byField.set(f.field, [...(byField.get(f.field) ?? []), f]);
  return [...byField].map(([field, facets]) => {
    const values = new Map<string, number>();
    for (const f of facets) {
      for (const v of f.values) values.set(v.value, (values.get(v.value) ?? 0) + v.count);
    }
    const sorted = [...values].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const rest = sorted.slice(top).reduce((n, [, c]) => n + c, 0);
    const sampled = facets.some((f) => f.sampled);
    const units = new Set(facets.map((f) => f.unit ?? 'lines'));
    const [unit] = units;
    return {
      field,
      values: sorted.slice(0, top).map(([value, count]) => ({ value, count })),
      other: facets.reduce((n, f) => n + f.other, rest),
      sampled,
      ...(sampled ? { sampleSize: facets.reduce((n, f) => n + countedOn(f), 0) } : {}),
      ...(units.size === 1 && unit === 'bytes' ? { unit } : {}),
      ...addScans(facets.map((f) => f.scan)),
    };
  });
}
