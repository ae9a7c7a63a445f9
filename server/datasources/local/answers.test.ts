import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEVELS } from '../../../model';
import type { Datasource } from '../datasource';
import { createLocalDatasource } from './index';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const signal = new AbortController().signal;
const range = { language: 'logql' as const, fromMs: NOW - 6 * 3_600_000, toMs: NOW };

let ds: Datasource;
beforeAll(async () => {
  ds = await createLocalDatasource(
    { id: 'answers', kind: 'local', replay: false },
    { now: () => NOW, sampleScale: 0.05 },
  );
});
afterAll(() => ds.close());

describe('local datasource answers', () => {
  it.each(['forward', 'backward'] as const)(
    'pages %s with cursors to exactly the lines of one big answer, ties included',
    async (direction) => {
      // Java stack traces in payments put several lines on one millisecond.
      const base = { ...range, query: '{namespace=~"shop|payments"}', direction };
      const whole = await ds.query({ ...base, limit: 100_000 }, signal);
      expect(whole.cursor).toBeUndefined();
      expect(whole.records.length).toBeGreaterThan(300);
      const paged = [];
      let cursor: string | undefined;
      do {
        const page = await ds.query({ ...base, limit: 37, ...(cursor ? { cursor } : {}) }, signal);
        expect(page.records.length).toBeLessThanOrEqual(37);
        paged.push(...page.records);
        cursor = page.cursor;
      } while (cursor);
      expect(paged.map((r) => r.id)).toEqual(whole.records.map((r) => r.id));
      const times = paged.map((r) => BigInt(r.ts));
      const sorted = [...times].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(times).toEqual(direction === 'forward' ? sorted : sorted.reverse());
      const millis = new Set(paged.map((r) => r.ts.slice(0, -6)));
      expect(millis.size).toBeLessThan(paged.length);
    },
  );

  it('refuses a cursor it did not give out', async () => {
    await expect(
      ds.query(
        { ...range, query: '{job=~".+"}', limit: 5, direction: 'backward', cursor: 'bm9wZQ' },
        signal,
      ),
    ).rejects.toMatchObject({ code: 'bad_query' });
  });

  it('counts facets that add up to the matching lines', async () => {
    const query = '{namespace="payments"}';
    const [listed, facets] = await Promise.all([
      ds.query({ ...range, query, limit: 100_000, direction: 'backward' }, signal),
      ds.facets({ ...range, query, fields: ['pod', 'detected_level', 'no_such_field'] }, signal),
    ]);
    expect(facets.map((f) => f.field)).toEqual(['pod', 'detected_level', 'no_such_field']);
    for (const facet of facets) {
      expect(facet.sampled).toBe(false);
      expect(facet.values.length).toBeLessThanOrEqual(10);
      const inValues = facet.values.reduce((n, v) => n + v.count, 0);
      expect(inValues + facet.other).toBe(listed.records.length);
    }
    const errors = listed.records.filter((r) => r.level === 'error').length;
    const level = facets.find((f) => f.field === 'detected_level');
    expect(level?.values.find((v) => v.value === 'error')?.count).toBe(errors);
  });

  it('gives as many top values as asked, counted exactly', async () => {
    const query = '{job=~".+"}';
    const [listed, [few], [many]] = await Promise.all([
      ds.query({ ...range, query, limit: 100_000, direction: 'backward' }, signal),
      ds.facets({ ...range, query, fields: ['pod'] }, signal),
      ds.facets({ ...range, query, fields: ['pod'], size: 50 }, signal),
    ]);
    const pods = new Map<string, number>();
    for (const r of listed.records) {
      const pod = r.labels.pod;
      if (pod !== undefined) pods.set(pod, (pods.get(pod) ?? 0) + 1);
    }
    expect(pods.size).toBeGreaterThan(10);
    expect(few?.values).toHaveLength(10);
    expect(many?.values).toHaveLength(Math.min(50, pods.size));
    for (const v of many?.values ?? []) expect(v.count).toBe(pods.get(v.value));
    expect(many?.values.slice(0, 10)).toEqual(few?.values);
    expect(many?.sampled).toBe(false);
    expect(many?.sampleSize).toBeUndefined();
  });

  it('names histogram series by level, only those present, in level order', async () => {
    const hist = await ds.histogram(
      { ...range, query: '{job=~".+"} |= "GET"', stepMs: 300_000 },
      signal,
    );
    const names = hist.series.map((s) => s.name);
    expect(names.length).toBeGreaterThan(1);
    expect(names).toEqual(LEVELS.filter((l) => names.includes(l)));
    expect(hist.times).toHaveLength(73);
    for (const s of hist.series) expect(s.counts).toHaveLength(hist.times.length);
  });

  it('refuses a step that would make millions of buckets', async () => {
    await expect(
      ds.histogram({ ...range, query: '{job=~".+"}', stepMs: 1 }, signal),
    ).rejects.toMatchObject({ code: 'limit' });
  });

  it('explains the scan it would run', () => {
    const req = { ...range, query: '{app="cart"}', limit: 10, direction: 'backward' as const };
    expect(ds.explain({ ...req, stepMs: 60_000 })).toEqual([
      {
        method: 'SCAN',
        url: 'local://answers',
        params: expect.objectContaining({
          query: '{app="cart"}',
          from: String(range.fromMs),
          to: String(range.toMs),
          limit: '10',
        }),
      },
    ]);
  });

  it('lists values by how often they occur', async () => {
    const values = await ds.values({ ...range, field: 'app', query: '{namespace="shop"}' }, signal);
    expect(values.sort()).toEqual(['cart', 'catalog', 'checkout', 'frontend']);
  });
});

describe('facets over more lines than they count', () => {
  it('samples the newest lines of every stream alike, and counts rare matches exactly', async () => {
    const big = await createLocalDatasource(
      { id: 'big', kind: 'local', replay: false },
      { now: () => NOW, sampleScale: 1.5 },
    );
    try {
      const day = { ...range, fromMs: NOW - 86_400_000 };
      const [facet] = await big.facets(
        { ...day, query: '{job=~".+"}', fields: ['namespace'] },
        signal,
      );
      expect(facet?.sampled).toBe(true);
      const counted = (facet?.values ?? []).reduce((n, v) => n + v.count, 0) + (facet?.other ?? 0);
      expect(facet?.sampleSize).toBe(counted);
      expect(counted).toBeGreaterThanOrEqual(100_000);
      expect(counted).toBeLessThan(140_000);
      // The sample keeps each namespace's share of the whole day.
      const whole = await big.histogram(
        { ...day, query: '{namespace="ingress-nginx"}', stepMs: 86_400_000 },
        signal,
      );
      const ingress = whole.series.reduce((n, s) => n + s.counts.reduce((a, b) => a + b, 0), 0);
      const share = (facet?.values.find((v) => v.value === 'ingress-nginx')?.count ?? 0) / counted;
      expect(share).toBeCloseTo(ingress / 150_000, 1);

      const rare = '{job=~".+"} |= "NXDOMAIN"';
      const [exact] = await big.facets({ ...day, query: rare, fields: ['pod'] }, signal);
      const listed = await big.query(
        { ...day, query: rare, limit: 100_000, direction: 'backward' },
        signal,
      );
      expect(exact?.sampled).toBe(false);
      expect((exact?.values ?? []).reduce((n, v) => n + v.count, 0)).toBe(listed.records.length);
      expect(listed.records.length).toBeGreaterThan(0);
    } finally {
      await big.close();
    }
  });
});
