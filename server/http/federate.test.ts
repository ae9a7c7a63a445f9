import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../model';
import { mergeFacets, mergeQueryResults, stackBySource } from './federate';

const record = (id: string, ts: string, source: string): LogRecord => ({
  id,
  ts,
  line: id,
  labels: {},
  fields: {},
  level: 'info',
  source,
});
const scan = (bytes: number, cached?: boolean) => ({
  recordsScanned: bytes / 100,
  bytesScanned: bytes,
  costUsd: bytes / 1e9,
  ...(cached ? { cached } : {}),
});

describe('federated answers', () => {
  it('merge records by time, keep every warning and add up what was billed', () => {
    const merged = mergeQueryResults(
      [
        {
          records: [record('a2', '20', 'cw'), record('a1', '10', 'cw')],
          stats: { scanned: 2, returned: 2, tookMs: 5, truncated: false, scan: scan(1_000) },
        },
        {
          records: [record('b1', '15', 'es')],
          stats: {
            scanned: 1,
            returned: 1,
            tookMs: 9,
            truncated: false,
            warnings: ['1 shard failed'],
          },
        },
      ],
      2,
      'backward',
    );
    expect(merged.records.map((r) => r.id)).toEqual(['a2', 'b1']);
    expect(merged.stats).toMatchObject({ returned: 2, tookMs: 9, truncated: true });
    expect(merged.stats.warnings).toEqual(['1 shard failed']);
    expect(merged.stats.scan).toEqual(scan(1_000));
    const widths = mergeQueryResults(
      [
        { records: [record('z', '100', 'a'), record('x', '9', 'a')], stats: merged.stats },
        { records: [record('y', '10', 'b')], stats: merged.stats },
      ],
      10,
      'forward',
    );
    expect(widths.records.map((r) => r.ts)).toEqual(['9', '10', '100']);
  });

  it('stack histograms by source, buckets matched by time; cached only when every part was', () => {
    const h = (times: number[], s?: ReturnType<typeof scan>) => ({
      stepMs: 1_000,
      times,
      series: [
        { name: 'info', counts: times.map(() => 1) },
        { name: 'error', counts: times.map(() => 2) },
      ],
      ...(s ? { scan: s } : {}),
    });
    const stacked = stackBySource([
      { source: 'loki', histogram: h([0, 1_000], scan(100, true)) },
      { source: 'cw', histogram: h([1_000, 2_000], scan(200, true)) },
    ]);
    expect(stacked.times).toEqual([0, 1_000, 2_000]);
    expect(stacked.series).toEqual([
      { name: 'loki', counts: [3, 3, 0] },
      { name: 'cw', counts: [0, 3, 3] },
    ]);
    expect(stacked.scan).toEqual(scan(300, true));
    const mixed = [
      { source: 'a', histogram: h([0], scan(100, true)) },
      { source: 'b', histogram: h([0], scan(200)) },
    ];
    expect(stackBySource(mixed).scan?.cached).toBeUndefined();
    expect(stackBySource([{ source: 'a', histogram: h([0]) }]).scan).toBeUndefined();
  });

  it('add facets value by value, detected_level counted as level, samples summed', () => {
    const facet = (field: string, s?: ReturnType<typeof scan>) => ({
      field,
      values: [{ value: 'shop', count: 3 }],
      other: 1,
      sampled: false,
      ...(s ? { scan: s } : {}),
    });
    const [merged] = mergeFacets([[facet('namespace', scan(500))], [facet('namespace')]]);
    expect(merged?.values).toEqual([{ value: 'shop', count: 6 }]);
    expect(merged?.other).toBe(2);
    expect(merged?.scan).toEqual(scan(500));
    const levels = mergeFacets([
      [facet('detected_level')],
      [{ ...facet('level'), sampled: true, sampleSize: 100 }],
      [facet('level'), facet('detected_level')],
    ]);
    expect(levels.map((f) => f.field)).toEqual(['level', 'detected_level']);
    expect(levels[0]).toMatchObject({ values: [{ value: 'shop', count: 9 }], sampleSize: 108 });
  });
});
