import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, SavedQuery } from '../../model';
import { startTestLogsift, type TestLogsift } from '../testing';
import { MAX_AUDITED_QUERY_BYTES } from './audit';

/** Audit lines of real requests, caught by a sink as stdout would receive them. */
const NOW = Date.UTC(2026, 10, 24, 12);
const lines: string[] = [];
let logsift: TestLogsift;

beforeAll(async () => {
  logsift = await startTestLogsift(
    { datasources: [{ id: 'local', kind: 'local', replay: false }] },
    { now: () => NOW, sampleScale: 0.02, auditSink: { write: (line) => lines.push(line) } },
  );
});
afterAll(() => logsift.close());

type Entry = Record<string, unknown>;

/** What the request wrote: each line one JSON object, nothing nested, nothing on two lines. */
async function audited(send: () => Promise<unknown>): Promise<Entry[]> {
  const from = lines.length;
  await send();
  const written = lines.slice(from);
  for (const line of written) {
    expect(line).not.toContain('\n');
    const entry = JSON.parse(line) as Entry;
    expect(Object.values(entry).every((v) => v === null || typeof v !== 'object')).toBe(true);
  }
  return written.map((line) => JSON.parse(line) as Entry);
}

const query = (payload: object) =>
  logsift.app.inject({ method: 'POST', url: '/api/v1/query', payload });

const SHOP = { datasource: 'local', language: 'logql', from: 'now-24h', to: 'now' };

describe('query audit lines', () => {
  it('says who ran what where, on which range, how long it took and what came back', async () => {
    let returned = 0;
    const [entry, ...more] = await audited(async () => {
      const res = await query({ ...SHOP, query: '{namespace="shop"} |= "GET"', limit: 7 });
      returned = (res.json() as { records: unknown[] }).records.length;
    });
    expect(more).toEqual([]);
    expect(returned).toBe(7);
    expect(entry).toEqual({
      type: 'audit',
      event: 'query',
      time: new Date(NOW).toISOString(),
      user: 'anonymous',
      requestId: expect.any(String),
      route: '/api/v1/query',
      datasource: 'local',
      op: 'query',
      language: 'logql',
      query: '{namespace="shop"} |= "GET"',
      fromMs: NOW - 86_400_000,
      toMs: NOW,
      durationMs: expect.any(Number),
      rows: 7,
      outcome: 'ok',
    });
    expect(entry?.['durationMs']).toBeGreaterThanOrEqual(0);
  });

  it('audits a failing query with its error code', async () => {
    const [entry] = await audited(() => query({ ...SHOP, query: '{namespace="shop"} |~ "("' }));
    expect(entry).toMatchObject({
      event: 'query',
      datasource: 'local',
      query: '{namespace="shop"} |~ "("',
      outcome: 'error',
      errorCode: 'bad_query',
    });
    expect(entry).not.toHaveProperty('rows');
  });

  it('audits histogram, facets and context calls as their own operations', async () => {
    const entries = await audited(async () => {
      await logsift.app.inject({
        method: 'POST',
        url: '/api/v1/histogram',
        payload: { ...SHOP, query: '{namespace="shop"}' },
      });
      await logsift.app.inject({
        method: 'POST',
        url: '/api/v1/facets',
        payload: { ...SHOP, query: '{namespace="shop"}' },
      });
    });
    expect(entries.map((e) => [e['op'], e['route'], e['outcome']])).toEqual([
      ['histogram', '/api/v1/histogram', 'ok'],
      ['facets', '/api/v1/facets', 'ok'],
    ]);
    expect(entries[0]?.['rows']).toBeGreaterThan(0);
  });

  it('keeps a long query whole up to the cap, then cuts it with a flag, multi-line text on one line', async () => {
    const needle = 'é'.repeat(MAX_AUDITED_QUERY_BYTES);
    const long = `{namespace="shop"}\n  |= "${needle}"`;
    const [entry] = await audited(() => query({ ...SHOP, query: long }));
    const text = entry?.['query'] as string;
    expect(entry?.['truncated']).toBe(true);
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(MAX_AUDITED_QUERY_BYTES);
    expect(Buffer.byteLength(text, 'utf8')).toBeGreaterThan(MAX_AUDITED_QUERY_BYTES - 2);
    expect(long.startsWith(text)).toBe(true);
    const [short] = await audited(() => query({ ...SHOP, query: '{namespace="shop"}\n|= "a"' }));
    expect(short?.['query']).toBe('{namespace="shop"}\n|= "a"');
    expect(short).not.toHaveProperty('truncated');
  });
});

describe('saved-object change audit lines', () => {
  const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    logsift.app.inject({ method, url, ...(payload ? { payload } : {}) });

  it('writes one line per create, update and delete of a saved query', async () => {
    const body = {
      name: 'Errors in shop',
      description: '',
      datasources: ['local'],
      language: 'logql',
      query: '{namespace="shop"} |= "error"',
      range: { from: 'now-1h', to: 'now' },
    };
    let saved: SavedQuery | undefined;
    const created = await audited(async () => {
      const res = await send('POST', '/api/v1/saved-queries', body);
      expect(res.statusCode, res.body).toBe(201);
      saved = res.json() as SavedQuery;
    });
    const id = saved?.id ?? '';
    expect(created).toEqual([
      {
        type: 'audit',
        event: 'change',
        time: new Date(NOW).toISOString(),
        user: 'anonymous',
        requestId: expect.any(String),
        action: 'create',
        kind: 'query',
        id,
        version: 1,
        title: 'Errors in shop',
      },
    ]);
    const updated = await audited(() =>
      send('PUT', `/api/v1/saved-queries/${id}`, { ...body, name: 'Shop errors', version: 1 }),
    );
    expect(updated).toMatchObject([
      { action: 'update', kind: 'query', id, version: 2, title: 'Shop errors' },
    ]);
    const stale = await audited(() =>
      send('PUT', `/api/v1/saved-queries/${id}`, { ...body, version: 1 }),
    );
    expect(stale).toEqual([]);
    const removed = await audited(() => send('DELETE', `/api/v1/saved-queries/${id}?version=2`));
    expect(removed).toMatchObject([
      { action: 'delete', kind: 'query', id, version: 2, title: 'Shop errors' },
    ]);
  });

  it('writes restore and import of dashboards by their own names', async () => {
    const dashboard = {
      title: 'Shop',
      description: '',
      panels: [],
      variables: [],
      links: [],
      range: { from: 'now-1h', to: 'now' },
    };
    const res = await send('POST', '/api/v1/dashboards', dashboard);
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json() as Dashboard;
    await send('PUT', `/api/v1/dashboards/${id}`, { ...dashboard, title: 'Shop v2', version: 1 });
    const restored = await audited(() =>
      send('POST', `/api/v1/dashboards/${id}/versions/1/restore`, { version: 2 }),
    );
    expect(restored).toMatchObject([
      { action: 'restore', kind: 'dashboard', id, version: 3, title: 'Shop' },
    ]);
    const file = (
      await logsift.app.inject({ method: 'GET', url: `/api/v1/dashboards/${id}/export` })
    ).json() as object;
    const imported = await audited(() => send('POST', '/api/v1/dashboards/import', file));
    expect(imported).toMatchObject([
      { action: 'import', kind: 'dashboard', version: 1, title: 'Shop' },
    ]);
    expect(imported[0]?.['id']).not.toBe(id);
  });
});

describe('audit off', () => {
  it('writes nothing when audit.enabled is false', async () => {
    const quiet: string[] = [];
    const off = await startTestLogsift(
      { datasources: [{ id: 'local', kind: 'local', replay: false }], audit: { enabled: false } },
      { sampleScale: 0.01, auditSink: { write: (line) => quiet.push(line) } },
    );
    try {
      const res = await off.app.inject({
        method: 'POST',
        url: '/api/v1/query',
        payload: { ...SHOP, query: '{namespace="shop"}' },
      });
      expect(res.statusCode).toBe(200);
      expect(quiet).toEqual([]);
    } finally {
      await off.close();
    }
  });
});
