import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Dashboard,
  DashboardBodyInput,
  DashboardExport,
  DashboardSummary,
  ListResponse,
  Panel,
  VersionInfo,
} from '../../../model';
import { startTestLogsift, type TestLogsift } from '../../testing';
import { exportFileName } from './dashboards';

let logsift: TestLogsift;
beforeAll(async () => {
  logsift = await startTestLogsift(
    {
      datasources: [{ id: 'local', kind: 'local', replay: false }],
      dashboards: { minRefreshSeconds: 30 },
    },
    { sampleScale: 0.001 },
  );
});
afterAll(() => logsift.close());

const panel = (id: string, extra: Partial<Panel> = {}): Panel => ({
  id,
  title: `Panel ${id}`,
  kind: 'logs',
  datasources: ['local'],
  language: 'logql',
  query: '{namespace="$namespace"} |= "error"',
  grid: { x: 0, y: 0, w: 6, h: 4 },
  ...extra,
});
const dashboard = (title: string, extra: Partial<DashboardBodyInput> = {}): DashboardBodyInput => ({
  title,
  description: 'on-call view',
  variables: [
    { kind: 'datasource', name: 'ds' },
    { kind: 'field', name: 'namespace', datasource: '$ds', field: 'namespace' },
  ],
  panels: [
    panel('a'),
    panel('b', {
      kind: 'table',
      field: 'pod',
      datasources: ['$ds'],
      grid: { x: 6, y: 0, w: 6, h: 4 },
    }),
  ],
  links: [{ title: 'Runbook', url: 'https://runbooks.example.com/shop' }],
  ...extra,
});
const post = (url: string, payload: unknown) =>
  logsift.app.inject({ method: 'POST', url, payload: payload as object });
const create = async (title: string, extra: Partial<DashboardBodyInput> = {}) => {
  const res = await post('/api/v1/dashboards', dashboard(title, extra));
  expect(res.statusCode).toBe(201);
  return res.json<Dashboard>();
};

describe('/api/v1/dashboards', () => {
  it('stores a dashboard with defaults filled and lists it as a summary', async () => {
    const saved = await create('Shop on-call');
    expect(saved).toMatchObject({
      title: 'Shop on-call',
      version: 1,
      range: { from: 'now-1h', to: 'now' },
      refreshMs: null,
    });
    expect(saved.panels).toHaveLength(2);
    const list = await logsift.app.inject('/api/v1/dashboards?search=shop%20ON-CALL');
    const answer = list.json<ListResponse<DashboardSummary>>();
    expect(answer).toEqual({
      items: [
        {
          id: saved.id,
          version: 1,
          createdAt: saved.createdAt,
          updatedAt: saved.updatedAt,
          title: 'Shop on-call',
          description: 'on-call view',
          panelCount: 2,
          // Sign-in off: saved for everyone, as before sign-in existed.
          owner: 'anonymous',
          sharing: { kind: 'public', canEdit: true },
          access: 'owner',
        },
      ],
      total: 1,
    });
  });

  it('keeps every save as a version, restores an old one as the newest', async () => {
    const saved = await create('History');
    const put = (payload: object) =>
      logsift.app.inject({ method: 'PUT', url: `/api/v1/dashboards/${saved.id}`, payload });
    const second = await put({ ...dashboard('History 2', { panels: [panel('z')] }), version: 1 });
    expect(second.json<Dashboard>().version).toBe(2);
    const versions = await logsift.app.inject(`/api/v1/dashboards/${saved.id}/versions`);
    expect(
      versions.json<{ versions: VersionInfo[] }>().versions.map((v) => [v.version, v.title]),
    ).toEqual([
      [2, 'History 2'],
      [1, 'History'],
    ]);
    const first = await logsift.app.inject(`/api/v1/dashboards/${saved.id}/versions/1`);
    expect(first.json<Dashboard>()).toMatchObject({
      version: 1,
      title: 'History',
      panels: saved.panels,
    });
    const stale = await post(`/api/v1/dashboards/${saved.id}/versions/1/restore`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ version: 2, title: 'History 2' });
    const restored = await post(`/api/v1/dashboards/${saved.id}/versions/1/restore`, {
      version: 2,
    });
    expect(restored.statusCode).toBe(200);
    expect(restored.json<Dashboard>()).toMatchObject({
      version: 3,
      title: 'History',
      panels: saved.panels,
    });
    expect((await logsift.app.inject(`/api/v1/dashboards/${saved.id}/versions/9`)).statusCode).toBe(
      404,
    );
    expect((await logsift.app.inject(`/api/v1/dashboards/${saved.id}/versions/x`)).statusCode).toBe(
      400,
    );
    expect(
      (await logsift.app.inject('/api/v1/dashboards/AAAAAAAAAAAAAAAAAAAAAA/versions')).statusCode,
    ).toBe(404);
  });

  it('answers a stale edit with 409 and the dashboard as someone else saved it', async () => {
    const saved = await create('Two editors');
    const edit = (title: string) =>
      logsift.app.inject({
        method: 'PUT',
        url: `/api/v1/dashboards/${saved.id}`,
        payload: { ...dashboard(title), version: saved.version },
      });
    const [a, b] = await Promise.all([edit('Alice'), edit('Bob')]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? a : b;
    const loser = a.statusCode === 200 ? b : a;
    expect(loser.json()).toEqual({
      error: { code: 'conflict', message: expect.stringContaining('saved by someone else') },
      current: winner.json(),
    });
  });

  it('exports a versioned file named after the title and imports it as a new dashboard', async () => {
    const saved = await create('Shop / Checkout: "errors" ü');
    const res = await logsift.app.inject(`/api/v1/dashboards/${saved.id}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="Shop-Checkout-errors-u.json"',
    );
    const file = res.json<DashboardExport>();
    expect(file).toMatchObject({ schema: 'logsift.dashboard', schemaVersion: 1 });
    expect(file.dashboard).not.toHaveProperty('id');
    const imported = await post('/api/v1/dashboards/import', file);
    expect(imported.statusCode).toBe(201);
    const copy = imported.json<Dashboard>();
    expect(copy.id).not.toBe(saved.id);
    expect(copy).toMatchObject({ ...file.dashboard, version: 1 });
  });

  it('refuses an import listing every problem with its path', async () => {
    const res = await post('/api/v1/dashboards/import', {
      schema: 'logsift.dashboard',
      schemaVersion: 2,
      dashboard: {
        title: '',
        refreshMs: 1000,
        panels: [
          panel('a', { datasources: ['nope'] }),
          panel('a', { kind: 'table', grid: { x: 10, y: 0, w: 4, h: 2 } }),
        ],
        colour: 'red',
      },
    });
    expect(res.statusCode).toBe(400);
    const answer = res.json<{ error: { message: string }; problems: { path: string }[] }>();
    expect(answer.problems.map((p) => p.path).sort()).toEqual(
      [
        'schemaVersion',
        'dashboard.title',
        'dashboard',
        'dashboard.panels.1.field',
        'dashboard.panels.1.id',
        'dashboard.panels.1.grid',
      ].sort(),
    );
    expect(answer.error.message).toMatch(/^6 problems: /);

    // Once the schema passes, what only the server knows is listed, all of it.
    const late = await post('/api/v1/dashboards/import', {
      schema: 'logsift.dashboard',
      schemaVersion: 1,
      dashboard: {
        title: 'late',
        refreshMs: 1000,
        panels: [panel('a', { datasources: ['nope', '$missing'] })],
      },
    });
    expect(late.json<{ problems: unknown[] }>().problems).toEqual([
      {
        path: 'dashboard.refreshMs',
        message:
          'auto-refresh every 1 s is more often than this server allows (at least every 30 s)',
      },
      { path: 'dashboard.panels.0.datasources.0', message: expect.stringContaining('"nope"') },
      {
        path: 'dashboard.panels.0.datasources.1',
        message: '$missing is not a datasource variable of this dashboard',
      },
    ]);
  });

  it('refuses a refresh below the server minimum on save, and takes one at it', async () => {
    const fast = await post('/api/v1/dashboards', dashboard('fast', { refreshMs: 10_000 }));
    expect(fast.statusCode).toBe(400);
    expect(fast.json().problems[0].path).toBe('refreshMs');
    expect(
      (await post('/api/v1/dashboards', dashboard('ok', { refreshMs: 30_000 }))).statusCode,
    ).toBe(201);
  });

  it('deletes, with or without the version', async () => {
    const a = await create('delete me');
    const b = await create('delete me too');
    const del = (url: string) => logsift.app.inject({ method: 'DELETE', url });
    expect((await del(`/api/v1/dashboards/${a.id}?version=1`)).statusCode).toBe(204);
    expect((await del(`/api/v1/dashboards/${b.id}`)).statusCode).toBe(204);
    expect((await del(`/api/v1/dashboards/${b.id}`)).statusCode).toBe(404);
    expect((await del(`/api/v1/dashboards/${a.id}?version=abc`)).statusCode).toBe(400);
  });
});

describe('exportFileName', () => {
  it.each([
    ['Shop on-call', 'Shop-on-call.json'],
    ['../../etc/passwd', 'etc-passwd.json'],
    ['"; rm -rf /', 'rm-rf.json'],
    ['日本語', 'dashboard.json'],
    ['Crème brûlée', 'Creme-brulee.json'],
  ])('%s → %s', (title, name) => expect(exportFileName(title)).toBe(name));
});
