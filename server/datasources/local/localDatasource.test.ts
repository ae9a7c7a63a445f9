import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogsiftError, type TailMessage } from '../../../model';
import type { Datasource } from '../datasource';
import { createLocalDatasource } from './index';
import { FRESH_MS } from './sharedAnswers';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const DAY = 86_400_000;
const signal = new AbortController().signal;
const range = { language: 'logql' as const, fromMs: NOW - DAY, toMs: NOW };

let ds: Datasource;
beforeAll(async () => {
  ds = await createLocalDatasource(
    { id: 'local', kind: 'local', replay: false },
    { now: () => NOW, sampleScale: 0.05 },
  );
});
afterAll(() => ds.close());

describe('local datasource over the bundled samples', () => {
  it('answers newest first, merged across streams, with stable ids and a cursor', async () => {
    const req = { ...range, query: '{job=~".+"}', limit: 200, direction: 'backward' as const };
    const page = await ds.query(req, signal);
    expect(page.records).toHaveLength(200);
    const times = page.records.map((r) => BigInt(r.ts));
    expect(times).toEqual([...times].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    expect(new Set(page.records.map((r) => r.labels['job'])).size).toBeGreaterThan(3);
    expect(page.cursor).toBeDefined();

    const next = await ds.query({ ...req, cursor: page.cursor }, signal);
    const last = page.records.at(-1);
    expect(BigInt(next.records[0]?.ts ?? '0')).toBeLessThanOrEqual(BigInt(last?.ts ?? '0'));
    const ids = new Set([...page.records, ...next.records].map((r) => r.id));
    expect(ids.size).toBe(400);

    const again = await ds.query(req, signal);
    expect(again.records.map((r) => r.id)).toEqual(page.records.map((r) => r.id));
  });

  it('keeps the real corpus lines, Kubernetes labels and odd cases', async () => {
    const res = await ds.query(
      {
        ...range,
        query: '{job="fluent-bit-k8s", namespace="core"}',
        limit: 100,
        direction: 'forward',
      },
      signal,
    );
    expect(res.records.length).toBeGreaterThan(0);
    expect(res.records[0]?.labels).toMatchObject({ namespace: 'core', pod: expect.any(String) });
    const corrupted = await ds.query(
      {
        ...range,
        query: '{filename="beats_docker_corrupted.log"} |= "packetbeat-linux.yml"',
        limit: 5,
        direction: 'forward',
      },
      signal,
    );
    expect(corrupted.records.map((r) => r.line.slice(0, 12))).toEqual(['"log":"cp pa']);
  });

  it('filters with the pipeline and returns extracted fields', async () => {
    const res = await ds.query(
      {
        ...range,
        query: '{app="checkout"} | json | status >= 500',
        limit: 50,
        direction: 'backward',
      },
      signal,
    );
    expect(res.records.length).toBeGreaterThan(0);
    for (const r of res.records) {
      expect(Number(r.fields['status'])).toBeGreaterThanOrEqual(500);
      expect(r.level).toBe('error');
    }
  });

  it('counts the histogram by level and shows the incident', async () => {
    const hist = await ds.histogram(
      { ...range, query: '{namespace="payments"}', stepMs: 600_000 },
      signal,
    );
    const error = hist.series.find((s) => s.name === 'error');
    expect(error).toBeDefined();
    const peak = Math.max(...(error?.counts ?? []));
    const peakTime = hist.times[error?.counts.indexOf(peak) ?? 0] ?? 0;
    expect(peakTime).toBeGreaterThanOrEqual(NOW - 50 * 60_000);
    expect(peakTime).toBeLessThan(NOW - 20 * 60_000);
    const total = hist.series.reduce((n, s) => n + s.counts.reduce((a, b) => a + b, 0), 0);
    const listed = await ds.query(
      { ...range, query: '{namespace="payments"}', limit: 100_000, direction: 'backward' },
      signal,
    );
    expect(total).toBe(listed.records.length);
  });

  it('draws metric queries as series', async () => {
    const hist = await ds.histogram(
      {
        ...range,
        fromMs: NOW - 3_600_000,
        query: 'sum by (namespace) (count_over_time({job=~".+"}[5m]))',
        stepMs: 300_000,
      },
      signal,
    );
    expect(hist.series.map((s) => s.name)).toContain('{namespace="payments"}');
  });

  it('counts facets and lists fields and values', async () => {
    const facets = await ds.facets({ ...range, query: '{namespace=~"shop|payments"}' }, signal);
    const ns = facets.find((f) => f.field === 'namespace');
    expect(ns?.values.map((v) => v.value).sort()).toEqual(['payments', 'shop']);
    expect(facets.find((f) => f.field === 'detected_level')?.values.length).toBeGreaterThan(1);
    const fields = await ds.fields({ ...range, query: '{app="cart"} | logfmt' }, signal);
    expect(fields).toContainEqual({ name: 'cart_id', type: 'field' });
    expect(fields).toContainEqual({ name: 'namespace', type: 'label' });
    const values = await ds.values({ ...range, field: 'namespace' }, signal);
    expect(values).toContain('kube-system');
  });

  it('offers the detected level to filters, as Loki 3 does', async () => {
    const res = await ds.query(
      {
        ...range,
        query: '{namespace="payments"} | detected_level="error"',
        limit: 500,
        direction: 'backward',
      },
      signal,
    );
    expect(res.records.length).toBeGreaterThan(10);
    for (const r of res.records)
      expect(r).toMatchObject({ level: 'error', fields: { detected_level: 'error' } });
    const hist = await ds.histogram(
      { ...range, query: '{namespace="payments"} | detected_level="error"', stepMs: 600_000 },
      signal,
    );
    expect(hist.series.map((s) => s.name)).toEqual(['error']);
  });

  it('refuses metric queries for the log list and other languages, with positions', async () => {
    await expect(
      ds.query({ ...range, query: 'rate({a="b"}[1m])', limit: 10, direction: 'backward' }, signal),
    ).rejects.toBeInstanceOf(LogsiftError);
    await expect(
      ds.query(
        { ...range, language: 'kql', query: 'a:b', limit: 10, direction: 'backward' },
        signal,
      ),
    ).rejects.toMatchObject({ code: 'unsupported' });
    await expect(
      ds.query({ ...range, query: '{a="b"', limit: 10, direction: 'backward' }, signal),
    ).rejects.toMatchObject({ code: 'bad_query', position: { from: 3, to: 6 } });
  });

  it('stops a scan when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      ds.query(
        { ...range, query: '{job=~".+"} |= "never-there"', limit: 10, direction: 'backward' },
        controller.signal,
      ),
    ).rejects.toMatchObject({ code: 'timeout' });
  });
});

describe('local datasource replay and tail', () => {
  it('delivers new lines to a live tail', async () => {
    const live = await createLocalDatasource({ id: 'live', kind: 'local' }, { sampleScale: 0.01 });
    const messages: TailMessage[] = [];
    const session = live.tail?.({ language: 'logql', query: '{job=~".+"}' }, (m) =>
      messages.push(m),
    );
    await new Promise((resolve) => setTimeout(resolve, 2_600));
    session?.close();
    await live.close();
    const records = messages.flatMap((m) => (m.type === 'records' ? m.records : []));
    expect(records.length).toBeGreaterThan(0);
    expect(Number(BigInt(records[0]?.ts ?? '0') / 1_000_000n)).toBeGreaterThan(Date.now() - 10_000);
  });
});

describe('local datasource answers shared between identical requests', () => {
  it('answers a now-relative query again within FRESH_MS from the same scan, then scans anew', async () => {
    let clock = NOW;
    const shared = await createLocalDatasource(
      { id: 'shared', kind: 'local', replay: false },
      { now: () => clock, sampleScale: 0.02 },
    );
    const ask = (query: string) =>
      shared.query(
        {
          language: 'logql',
          query,
          fromMs: clock - DAY,
          toMs: clock,
          limit: 50,
          direction: 'backward',
        },
        signal,
      );
    const warn = '{job=~".+"} | json | level="warn"';
    const first = await ask(warn);
    expect(first.records.length).toBeGreaterThan(0);
    clock += 400;
    expect(await ask(warn)).toBe(first);
    expect(await ask('{job=~".+"} | json | level="error"')).not.toBe(first);
    clock += FRESH_MS;
    const later = await ask(warn);
    expect(later).not.toBe(first);
    expect(later.records.map((r) => r.id)).toEqual(first.records.map((r) => r.id));
    await shared.close();
  });
});
