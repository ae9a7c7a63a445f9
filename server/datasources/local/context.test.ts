import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogRecord } from '../../../model';
import type { Datasource } from '../datasource';
import { createLocalDatasource } from './index';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const DAY = 86_400_000;
const signal = new AbortController().signal;

let ds: Datasource;
beforeAll(async () => {
  ds = await createLocalDatasource(
    { id: 'local', kind: 'local', replay: false },
    { now: () => NOW, sampleScale: 0.05 },
  );
});
afterAll(() => ds.close());

const selectorOf = (labels: Record<string, string>): string =>
  `{${Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ')}}`;

/** The whole stream of a record, oldest first, read with an ordinary query. */
async function streamLines(record: LogRecord): Promise<LogRecord[]> {
  const res = await ds.query(
    {
      language: 'logql',
      query: selectorOf(record.labels),
      fromMs: NOW - 30 * DAY,
      toMs: NOW + DAY,
      limit: 100_000,
      direction: 'forward',
    },
    signal,
  );
  return res.records;
}

const context = (record: LogRecord, before: number, after: number) =>
  ds.context?.({ record, before, after }, signal);

describe('local context', () => {
  it('gives the lines just before and after a record in its own stream, oldest first', async () => {
    const picked = await ds.query(
      {
        language: 'logql',
        query: '{namespace="shop"}',
        fromMs: NOW - 30 * DAY,
        toMs: NOW + DAY,
        limit: 40,
        direction: 'backward',
      },
      signal,
    );
    const record = picked.records[30];
    if (!record) throw new Error('no sample line to look around');
    const stream = await streamLines(record);
    const at = stream.findIndex((r) => r.id === record.id);
    expect(at).toBeGreaterThan(5);

    const res = await context(record, 5, 3);
    expect(res?.before.map((r) => r.id)).toEqual(stream.slice(at - 5, at).map((r) => r.id));
    expect(res?.after.map((r) => r.id)).toEqual(stream.slice(at + 1, at + 4).map((r) => r.id));
    for (const r of [...(res?.before ?? []), ...(res?.after ?? [])]) {
      expect(r.labels).toEqual(record.labels);
      expect(r.id).not.toBe(record.id);
    }
  });

  it('stops at the ends of the stream', async () => {
    const first = await ds.query(
      {
        language: 'logql',
        query: '{namespace="shop"}',
        fromMs: NOW - 30 * DAY,
        toMs: NOW + DAY,
        limit: 1,
        direction: 'forward',
      },
      signal,
    );
    const record = first.records[0];
    if (!record) throw new Error('no sample line');
    const stream = await streamLines(record);
    const res = await context(record, 10, 500);
    expect(res?.before).toEqual([]);
    expect(res?.after).toHaveLength(Math.min(500, stream.length - 1));
  });

  it('finds the stream by the id when the listed labels were cut by the query', async () => {
    const picked = await ds.query(
      {
        language: 'logql',
        query: '{namespace="shop"} | keep namespace',
        fromMs: NOW - 30 * DAY,
        toMs: NOW + DAY,
        limit: 20,
        direction: 'backward',
      },
      signal,
    );
    const record = picked.records[10];
    if (!record) throw new Error('no sample line');
    expect(Object.keys(record.labels)).toEqual(['namespace']);
    const res = await context(record, 2, 2);
    expect(res?.before).toHaveLength(2);
    expect(Object.keys(res?.before[0]?.labels ?? {}).length).toBeGreaterThan(1);
  });
});
