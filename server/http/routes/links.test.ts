import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkResponse } from '../../../model';
import { buildApp } from '../../app';
import { LogsiftConfigSchema } from '../../config/schema';
import { createDatasources } from '../../datasources/registry';
import { openSqliteStore } from '../../store/sqlite';
import { startTestLogsift, type TestLogsift } from '../../testing';

let logsift: TestLogsift;
beforeAll(async () => {
  logsift = await startTestLogsift(
    {
      server: { basePath: '/logs' },
      datasources: [{ id: 'local', kind: 'local', replay: false }],
    },
    { sampleScale: 0.001 },
  );
});
afterAll(() => logsift.close());

const shorten = (url: unknown) =>
  logsift.app.inject({ method: 'POST', url: '/logs/api/v1/links', payload: { url } });

describe('short links', () => {
  it.each([
    '/?ds=local&q=%7Bapp%3D%22shop%22%7D&from=now-1h',
    '/dashboards/AbCdEfGh12_-?var-namespace=shop',
    '/dashboards',
    '/',
  ])('stores %s and redirects /s/<id> to it below the base path', async (url) => {
    const res = await shorten(url);
    expect(res.statusCode).toBe(201);
    const link = res.json<LinkResponse>();
    expect(link.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(link.path).toBe(`/s/${link.id}`);
    const visit = await logsift.app.inject(`/logs${link.path}`);
    expect(visit.statusCode).toBe(302);
    expect(visit.headers.location).toBe(`/logs${url}`);
  });

  it.each([
    'https://evil.example.com/',
    '//evil.example.com/',
    '/\\evil.example.com',
    'javascript:alert(1)',
    '/api/v1/datasources',
    '/?a=b#frag',
    '',
  ])('refuses %j: not a Logsift page, so never an open redirect', async (url) => {
    const res = await shorten(url);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('a short link is for a Logsift page');
  });

  it('answers 404 for an unknown link and 400 for an id outside the allow-list', async () => {
    const unknown = await logsift.app.inject('/logs/s/AAAAAAAAAAAAAAAAAAAAAA');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('no short link');
    for (const id of ['..%2F..%2Fetc', '%2e%2e%2f', 'abc%00defgh', 'short']) {
      expect((await logsift.app.inject(`/logs/s/${id}`)).statusCode).toBe(400);
    }
  });
});

describe('a dead short link opened in a browser', () => {
  it('answers 404 with the app, whose page says the link leads nowhere', async () => {
    const staticDir = await mkdtemp(join(tmpdir(), 'logsift-links-'));
    await writeFile(join(staticDir, 'index.html'), '<html><head></head><body>app</body></html>');
    const config = LogsiftConfigSchema.parse({
      datasources: [{ id: 'local', kind: 'local', replay: false }],
    });
    const registry = await createDatasources(config.datasources, { sampleScale: 0.001 });
    const store = openSqliteStore(await mkdtemp(join(tmpdir(), 'logsift-links-data-')));
    const app = await buildApp({ config, datasources: registry, staticDir, store });
    try {
      const dead = await app.inject({
        url: '/s/AAAAAAAAAAAAAAAAAAAAAA',
        headers: { accept: 'text/html' },
      });
      expect(dead.statusCode).toBe(404);
      expect(dead.headers['content-type']).toContain('text/html');
      expect(dead.body).toContain('app');
      const api = await app.inject({
        url: '/s/AAAAAAAAAAAAAAAAAAAAAA',
        headers: { accept: '*/*' },
      });
      expect(api.statusCode).toBe(404);
      expect(api.json().error.code).toBe('not_found');
    } finally {
      await app.close();
      await store.close();
      await registry.closeAll();
    }
  });
});
