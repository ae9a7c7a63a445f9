import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkResponse } from '../../../model';
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
