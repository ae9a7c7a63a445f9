import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListResponse, SavedQuery, SavedQueryBody } from '../../../model';
import { startTestLogsift, type TestLogsift } from '../../testing';

let logsift: TestLogsift;
beforeAll(async () => {
  logsift = await startTestLogsift(
    {
      datasources: [
        { id: 'local', kind: 'local', replay: false },
        { id: 'other', kind: 'local', replay: false },
      ],
    },
    { sampleScale: 0.001 },
  );
});
afterAll(() => logsift.close());

const body = (name: string, extra: Partial<SavedQueryBody> = {}): SavedQueryBody => ({
  name,
  description: 'checkout errors by pod',
  datasources: ['local'],
  language: 'logql',
  query: '{namespace="shop"} |= "error"',
  range: { from: 'now-1h', to: 'now' },
  ...extra,
});

describe('/api/v1/saved-queries', () => {
  it('creates, reads, lists, updates and deletes a saved query', async () => {
    const { app } = logsift;
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/saved-queries',
      payload: body('Checkout errors', { datasources: ['local', 'other'] }),
    });
    expect(created.statusCode).toBe(201);
    const saved = created.json<SavedQuery>();
    expect(saved).toMatchObject({ ...body('Checkout errors'), datasources: ['local', 'other'] });
    expect(saved.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(saved.version).toBe(1);

    const read = await app.inject(`/api/v1/saved-queries/${saved.id}`);
    expect(read.json()).toEqual(saved);

    const list = await app.inject('/api/v1/saved-queries?search=CHECKOUT&limit=10');
    expect(list.json<ListResponse<SavedQuery>>()).toEqual({ items: [saved], total: 1 });
    expect((await app.inject('/api/v1/saved-queries?search=nothing')).json()).toEqual({
      items: [],
      total: 0,
    });

    const updated = await app.inject({
      method: 'PUT',
      url: `/api/v1/saved-queries/${saved.id}`,
      payload: { ...body('Checkout errors, 24 h'), version: 1 },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json<SavedQuery>()).toMatchObject({ name: 'Checkout errors, 24 h', version: 2 });

    const stale = await app.inject({
      method: 'PUT',
      url: `/api/v1/saved-queries/${saved.id}`,
      payload: { ...body('lost edit'), version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: { code: 'conflict' },
      current: { id: saved.id, version: 2, name: 'Checkout errors, 24 h' },
    });

    const staleDelete = await app.inject({
      method: 'DELETE',
      url: `/api/v1/saved-queries/${saved.id}?version=1`,
    });
    expect(staleDelete.statusCode).toBe(409);
    // As the UI sends it: a JSON content type and no body.
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/saved-queries/${saved.id}?version=2`,
      headers: { 'content-type': 'application/json' },
    });
    expect(removed.statusCode).toBe(204);
    expect(removed.body).toBe('');
    const gone = await app.inject(`/api/v1/saved-queries/${saved.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('not_found');
  });

  it('refuses unknown datasources and bad fields, listing every problem', async () => {
    const res = await logsift.app.inject({
      method: 'POST',
      url: '/api/v1/saved-queries',
      payload: body('x', { datasources: ['local', 'nope', '$ds'] }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: { code: 'bad_query', message: expect.stringMatching(/^2 problems: datasources\.1/) },
      problems: [
        { path: 'datasources.1', message: expect.stringContaining('no datasource "nope"') },
        {
          path: 'datasources.2',
          message: '$ds is not a datasource variable of this dashboard',
        },
      ],
    });
    const many = await logsift.app.inject({
      method: 'POST',
      url: '/api/v1/saved-queries',
      payload: { name: '', datasources: [], language: 'sql', query: 1, extra: true },
    });
    expect(many.statusCode).toBe(400);
    const paths = many.json<{ problems: { path: string }[] }>().problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(['name', 'datasources', 'language', 'query', 'range', '']),
    );
  });

  it('requires the version a PUT was based on', async () => {
    const created = await logsift.app.inject({
      method: 'POST',
      url: '/api/v1/saved-queries',
      payload: body('versionless'),
    });
    const res = await logsift.app.inject({
      method: 'PUT',
      url: `/api/v1/saved-queries/${created.json<SavedQuery>().id}`,
      payload: body('versionless 2'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().problems).toEqual([
      { path: 'version', message: 'the version this edit was based on is required (1, 2, …)' },
    ]);
    const both = await logsift.app.inject({
      method: 'PUT',
      url: `/api/v1/saved-queries/${created.json<SavedQuery>().id}`,
      payload: { ...body(''), version: 'latest' },
    });
    expect(both.json().problems.map((p: { path: string }) => p.path)).toEqual(['version', 'name']);
  });

  it('pages the list newest first', async () => {
    for (const n of [1, 2, 3]) {
      await logsift.app.inject({
        method: 'POST',
        url: '/api/v1/saved-queries',
        payload: body(`paged ${n}`),
      });
    }
    const page = await logsift.app.inject('/api/v1/saved-queries?search=paged&limit=2&offset=1');
    const answer = page.json<ListResponse<SavedQuery>>();
    expect(answer.total).toBe(3);
    expect(answer.items.map((q) => q.name)).toEqual(['paged 2', 'paged 1']);
    const bad = await logsift.app.inject('/api/v1/saved-queries?limit=0&sort=name');
    expect(bad.statusCode).toBe(400);
  });
});
