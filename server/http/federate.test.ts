import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../model';
import { mergeFacets, mergeHistograms, mergeQueryResults } from './federate';

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
  });

  it('add histogram and facet scans; cached only when every part was', () => {
    const h = (s?: ReturnType<typeof scan>) => ({
      stepMs: 1_000,
      times: [0, 1_000],
      series: [{ name: 'info', counts: [1, 2] }],
      ...(s ? { scan: s } : {}),
    });
    expect(mergeHistograms([h(scan(100, true)), h(scan(200, true))]).scan).toEqual(scan(300, true));
    expect(mergeHistograms([h(scan(100, true)), h(scan(200))]).scan?.cached).toBeUndefined();
    expect(mergeHistograms([h(), h()]).scan).toBeUndefined();
    const facet = (s?: ReturnType<typeof scan>) => ({
      field: 'namespace',
      values: [{ value: 'shop', count: 3 }],
      other: 0,
      sampled: false,
      ...(s ? { scan: s } : {}),
    });
    const [merged] = mergeFacets([[facet(scan(500))], [facet()]]);
    expect(merged?.values).toEqual([{ value: 'shop', count: 6 }]);
    expect(merged?.scan).toEqual(scan(500));
  });
});
