import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLogsift, type TestLogsift } from '../testing';

/**
 * No route reaches a URL a user supplies (CVE-2020-13379, CVE-2019-7616): a canary server
 * stands where an attacker would point Logsift (the metadata service, an internal admin
 * page), and every URL-ish input is sent to every place that takes user text. It must never
 * be called, and an Elasticsearch that redirects there is not followed.
 */
let canary: Server;
let redirecting: Server;
let canaryUrl: string;
const hits: string[] = [];
let logsift: TestLogsift;

beforeAll(async () => {
  canary = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.end('{}');
  });
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
  canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`;
  redirecting = createServer((_req, res) => {
    res.writeHead(302, { location: `${canaryUrl}/latest/meta-data/iam/security-credentials/` });
    res.end();
  });
  await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
  logsift = await startTestLogsift(
    {
      datasources: [
        { id: 'local', kind: 'local', replay: false },
        {
          id: 'es',
          kind: 'elasticsearch',
          url: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`,
          index: 'logs-*',
        },
      ],
    },
    { sampleScale: 0.001 },
  );
});
afterAll(async () => {
  await logsift.close();
  await new Promise((resolve) => canary.close(resolve));
  await new Promise((resolve) => redirecting.close(resolve));
});

describe('server-side request forgery', () => {
  it('never fetches a URL given in a query, an id, a link, a target or a header', async () => {
    const urls = [
      `${canaryUrl}/ssrf`,
      canaryUrl.replace('http:', ''),
      `${canaryUrl.replace('http://', 'http://user@')}/ssrf`,
      'http://169.254.169.254/latest/meta-data/',
      'file:///etc/passwd',
      'gopher://127.0.0.1:6379/_INFO',
    ];
    const range = { from: 'now-1h', to: 'now' };
    const app = logsift.app;
    const answers: { what: string; status: number }[] = [];
    const call = async (what: string, opts: InjectOptions) => {
      const r = await app.inject(opts);
      answers.push({ what, status: r.statusCode });
      return r;
    };
    for (const url of urls) {
      const q = (body: object) => ({
        method: 'POST' as const,
        url: '/api/v1/query',
        payload: { ...range, ...body },
      });
      await call('datasource id', q({ datasource: url, language: 'logql', query: '{a="b"}' }));
      await call(
        'datasources',
        q({ datasources: ['local', url], language: 'logql', query: '{a="b"}' }),
      );
      await call(
        'line filter',
        q({ datasource: 'local', language: 'logql', query: `{job=~".+"} |= "${url}"` }),
      );
      await call('target', q({ datasource: 'es', language: 'kql', query: '', target: url }));
      await call('kql', q({ datasource: 'es', language: 'kql', query: `url:"${url}"` }));
      await call('explain', {
        method: 'POST',
        url: '/api/v1/explain',
        payload: { ...range, datasource: url, language: 'logql', query: '{a="b"}' },
      });
      await call('explain es', {
        method: 'POST',
        url: '/api/v1/explain',
        payload: { ...range, datasource: 'es', language: 'lucene', query: url },
      });
      await call('fields', {
        method: 'GET',
        url: `/api/v1/datasources/${encodeURIComponent(url)}/fields`,
      });
      await call('values', {
        method: 'GET',
        url: `/api/v1/datasources/local/values?field=${encodeURIComponent(url)}`,
      });
      await call('download', {
        method: 'GET',
        url: `/api/v1/download?ds=${encodeURIComponent(url)}&lang=logql&q=%7Ba%3D%22b%22%7D&from=now-1h&to=now`,
      });
      await call('translate', {
        method: 'POST',
        url: '/api/v1/translate',
        payload: { language: 'logql', to: 'kql', query: `{a="${url}"}` },
      });
      const link = await call('link', { method: 'POST', url: '/api/v1/links', payload: { url } });
      expect(link.statusCode, url).toBe(400);
      await call('saved query', {
        method: 'POST',
        url: '/api/v1/saved-queries',
        payload: {
          name: 'x',
          description: '',
          datasources: [url],
          language: 'logql',
          query: '{a="b"}',
          range,
        },
      });
      await call('host header', {
        method: 'GET',
        url: '/healthz',
        headers: { host: url, 'x-forwarded-host': url },
      });
    }
    for (const evil of [
      '//evil.example/',
      '/\\evil.example',
      '/%2f%2fevil.example',
      'javascript:alert(1)',
      '/dashboards/../../x',
    ]) {
      const link = await call('link', {
        method: 'POST',
        url: '/api/v1/links',
        payload: { url: evil },
      });
      expect(link.statusCode, evil).toBe(400);
    }
    // The Elasticsearch behind "es" redirects everything to the canary: never followed.
    const viaRedirect = await call('redirect', {
      method: 'POST',
      url: '/api/v1/query',
      payload: { ...range, datasource: 'es', language: 'kql', query: '' },
    });
    expect(viaRedirect.statusCode).toBeGreaterThanOrEqual(400);
    expect(answers.filter((a) => a.status >= 500 && a.status !== 502)).toEqual([]);
    expect(hits).toEqual([]);
  });
});
