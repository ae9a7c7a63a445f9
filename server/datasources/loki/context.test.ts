import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLokiSim, type LokiSim } from '../../../sim/loki';
import type { ContextQuery } from '../datasource';
import { createLokiDatasource, LokiDatasourceConfigSchema } from '.';
import { streamSelector } from './context';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const HOUR = 3_600_000;
const sims: LokiSim[] = [];
let sim: LokiSim;

beforeAll(async () => {
  sim = await startLokiSim({ now: () => NOW, sampleScale: 0.2, replay: false });
  sims.push(sim);
});
afterAll(() => Promise.all(sims.map((s) => s.close())));

const loki = (url: string, extra: Record<string, unknown> = {}) =>
  createLokiDatasource(
    LokiDatasourceConfigSchema.parse({ id: 'loki', kind: 'loki', url, ...extra }),
    { now: () => NOW },
  );
const signal = () => AbortSignal.timeout(20_000);
const at = (offsetMs: number, extraNs = 0) =>
  String(BigInt(NOW - HOUR + offsetMs) * 1_000_000n + BigInt(extraNs));

describe('Loki context against the simulator', () => {
  it('quotes label values for an exact selector and refuses names that are not labels', () => {
    expect(streamSelector({ pod: 'a"b\\c\nd', app: 'x' })).toBe('{app="x", pod="a\\"b\\\\c\\nd"}');
    expect(() => streamSelector({ 'a"} |= "x': 'y' })).toThrow(/not a Loki label name/);
    expect(() => streamSelector({})).toThrow(/no stream labels/);
  });

  it('gives the neighbours of a sample line in its own stream, in time order, itself left out', async () => {
    const ds = loki(sim.url);
    const listed = await ds.query(
      {
        language: 'logql',
        query: '{namespace="shop"}',
        fromMs: NOW - 3 * HOUR,
        toMs: NOW,
        limit: 200,
        direction: 'backward',
      },
      signal(),
    );
    const record = listed.records[150];
    if (!record) throw new Error('no sample line');
    // Loki 3 adds service_name as a stream label: the selector keeps it, it is indexed.
    expect(record.labels['service_name']).toBeDefined();
    const res = await ds.context?.({ record, before: 10, after: 10 }, signal());
    const stream = await ds.query(
      {
        language: 'logql',
        query: streamSelector(record.labels),
        fromMs: NOW - 6 * HOUR,
        toMs: NOW,
        limit: 5_000,
        direction: 'forward',
      },
      signal(),
    );
    const i = stream.records.findIndex((r) => r.id === record.id);
    expect(i).toBeGreaterThan(10);
    expect(res?.before.map((r) => r.id)).toEqual(stream.records.slice(i - 10, i).map((r) => r.id));
    expect(res?.after.map((r) => r.id)).toEqual(
      stream.records.slice(i + 1, i + 11).map((r) => r.id),
    );
    for (const r of [...(res?.before ?? []), ...(res?.after ?? [])]) {
      expect(r.labels).toEqual(record.labels);
    }
  });

  it('puts lines of the same nanosecond after the record once, pages past small limits', async () => {
    const labels = { namespace: 'context', pod: 'p"1' };
    sim.push(labels, [
      ...[...Array(12).keys()].map((i): [string, string] => [at(-1_000 + i), `old ${i}`]),
      [at(0, 5), 'tie a'],
      [at(0, 5), 'the record'],
      [at(0, 5), 'tie b'],
      ...[...Array(12).keys()].map((i): [string, string] => [at(1_000 + i), `new ${i}`]),
    ]);
    sim.push({ namespace: 'context', pod: 'other' }, [[at(1), 'another stream']]);
    const ds = loki(sim.url, { limits: { maxEntriesPerRequest: 4 } });
    const listed = await ds.query(
      {
        language: 'logql',
        query: '{namespace="context"} |= "the record"',
        fromMs: NOW - 2 * HOUR,
        toMs: NOW,
        limit: 10,
        direction: 'backward',
      },
      signal(),
    );
    const record = listed.records[0];
    if (!record) throw new Error('the pushed line is not found');
    const req: ContextQuery = { record, before: 10, after: 10 };
    const res = await ds.context?.(req, signal());
    expect(res?.before.map((r) => r.line)).toEqual(
      [...Array(10).keys()].map((i) => `old ${i + 2}`),
    );
    expect(res?.after.map((r) => r.line)).toEqual([
      'tie a',
      'tie b',
      ...[...Array(8).keys()].map((i) => `new ${i}`),
    ]);
    const none = await ds.context?.({ record, before: 0, after: 0 }, signal());
    expect(none).toEqual({ before: [], after: [] });
  });

  it('selects by indexed labels only where a Loki 2.9 parser folded its labels into the stream', async () => {
    const old = await startLokiSim({
      now: () => NOW,
      sampleScale: 0.2,
      replay: false,
      version: '2.9.8',
    });
    sims.push(old);
    old.push({ namespace: 'json', pod: 'j' }, [
      [at(-2), '{"msg":"one","user":"ann"}'],
      [at(-1), '{"msg":"two","user":"bob"}'],
      [at(0), '{"msg":"three","user":"cy"}'],
    ]);
    const ds = loki(old.url);
    const listed = await ds.query(
      {
        language: 'logql',
        query: '{namespace="json"} | json',
        fromMs: NOW - 2 * HOUR,
        toMs: NOW,
        limit: 10,
        direction: 'backward',
      },
      signal(),
    );
    const record = listed.records.find((r) => r.line.includes('two'));
    expect(record?.fields['user']).toBe('bob');
    expect(record?.labels['user']).toBeUndefined();
    if (!record) throw new Error('no parsed line');
    const res = await ds.context?.({ record, before: 5, after: 5 }, signal());
    expect(res?.before.map((r) => r.line)).toEqual(['{"msg":"one","user":"ann"}']);
    expect(res?.after.map((r) => r.line)).toEqual(['{"msg":"three","user":"cy"}']);
  });
});
