import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startElasticsearchSim, type ElasticsearchSim } from './index';
import { call, expectShape, fixture, type Json } from './testing';

let sim: ElasticsearchSim;

beforeAll(async () => {
  sim = await startElasticsearchSim({ sampleScale: 0, replay: false });
});
afterAll(() => sim.close());

describe('errors in Elasticsearch’s JSON shape', () => {
  it('404s a missing index exactly like the fixture', async () => {
    const { status, json } = await call(`${sim.url}/poop/_search`, 'POST', {});
    expect(status).toBe(404);
    expect(json).toEqual(fixture('error_index_not_found_exception_404.json'));
  });

  it('answers a parsing_exception with line and col like the fixture', async () => {
    const { status, json } = await call(`${sim.url}/fluentd-*/_search`, 'POST', {
      query: { terms: { a: ['x'], ohno: 1 } },
    });
    expect(status).toBe(400);
    expectShape(json, fixture('error_parsing_exception_400.json'));
  });

  it('wraps shard failures in search_phase_execution_exception like the fixture', async () => {
    const { status, json } = await call(`${sim.url}/fluentd-*/_search`, 'POST', {
      query: { query_string: { query: 'a:(' } },
    });
    expect(status).toBe(400);
    const real = fixture<{ error: Json }>('error_search_phase_execution_exception_400.json');
    expectShape(json, {
      error: {
        type: real.error.type,
        reason: real.error.reason,
        phase: 'query',
        grouped: true,
        failed_shards: [{ shard: 0, index: '', node: '', reason: { type: '', reason: '' } }],
        root_cause: [{ type: '', reason: '' }],
      },
      status: 400,
    });
  });

  it('answers malformed JSON with x_content_parse_exception like the fixture', async () => {
    const { status, json } = await call(`${sim.url}/fluentd-*/_search`, 'POST', '{"query": {');
    expect(status).toBe(400);
    expectShape(json, fixture('error_x_content_parse_exception_400.json'));
  });

  it('says no handler for unknown endpoints and 405 for a wrong method', async () => {
    expect(await call(`${sim.url}/_nothing_here`, 'GET')).toMatchObject({
      status: 400,
      json: { error: 'no handler found for uri [/_nothing_here] and method [GET]' },
    });
    expect(await call(`${sim.url}/_search`, 'PUT', {})).toMatchObject({
      status: 405,
      json: {
        error: 'Incorrect HTTP method for uri [/_search] and method [PUT], allowed: [GET, POST]',
        status: 405,
      },
    });
  });
});

describe('auth', () => {
  const auth = {
    basic: { username: 'elastic', password: 'changeme' },
    apiKey: 'a2V5OnNlY3JldA==',
    bearer: 'tok',
  };

  it('takes any configured credential and refuses others with security_exception', async () => {
    const es = await startElasticsearchSim({ sampleScale: 0, replay: false, requireAuth: auth });
    try {
      const get = (authorization?: string) =>
        call(
          `${es.url}/_cluster/health?pretty`,
          'GET',
          undefined,
          authorization ? { authorization } : {},
        );
      expect(
        (await get(`Basic ${Buffer.from('elastic:changeme').toString('base64')}`)).status,
      ).toBe(200);
      expect((await get('ApiKey a2V5OnNlY3JldA==')).status).toBe(200);
      expect((await get('Bearer tok')).status).toBe(200);
      const none = await get();
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toContain('Basic realm="security"');
      const reason =
        'missing authentication credentials for REST request [/_cluster/health?pretty]';
      expect(none.json).toEqual({
        error: {
          root_cause: [
            {
              type: 'security_exception',
              reason,
              header: { 'WWW-Authenticate': expect.any(Array) },
            },
          ],
          type: 'security_exception',
          reason,
          header: { 'WWW-Authenticate': expect.any(Array) },
        },
        status: 401,
      });
      const wrong = await get(`Basic ${Buffer.from('elastic:nope').toString('base64')}`);
      expect((wrong.json.error as Json).reason as string).toBe(
        'unable to authenticate user [elastic] for REST request [/_cluster/health?pretty]',
      );
    } finally {
      await es.close();
    }
  });

  it('answers OpenSearch’s plain Unauthorized', async () => {
    const os = await startElasticsearchSim({
      sampleScale: 0,
      replay: false,
      requireAuth: auth,
      flavor: 'opensearch',
    });
    try {
      const res = await fetch(`${os.url}/_search`);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Basic realm="OpenSearch Security"');
      expect(await res.text()).toBe('Unauthorized');
    } finally {
      await os.close();
    }
  });
});

describe('faults and recorded requests', () => {
  it('answers a status with an Elasticsearch-shaped body, or the given one, on matching paths', async () => {
    sim.setFault({ status: 429, paths: ['/fluentd'] });
    const limited = await call(`${sim.url}/fluentd-*/_search`, 'POST', {});
    expect(limited.status).toBe(429);
    expect((limited.json.error as Json).type).toBe('es_rejected_execution_exception');
    expect((await call(`${sim.url}/_cluster/health`, 'GET')).status).toBe(200);
    sim.setFault({
      status: 403,
      body: { error: { type: 'security_exception', reason: 'no' }, status: 403 },
    });
    expect(await call(`${sim.url}/_search`, 'POST', {})).toMatchObject({
      status: 403,
      json: { error: { reason: 'no' } },
    });
    sim.setFault(undefined);
  });

  it('delays, so clients can time out', async () => {
    sim.setFault({ delayMs: 300 });
    const started = Date.now();
    expect((await call(`${sim.url}/`, 'GET')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    sim.setFault(undefined);
  });

  it('fails some shards with HTTP 200 and _shards.failures', async () => {
    sim.bulk('shard-a', [{ m: 1 }]);
    sim.bulk('shard-b', [{ m: 2 }]);
    sim.setFault({ shardFailures: 1 });
    const { status, json } = await call(`${sim.url}/shard-*/_search`, 'POST', {});
    sim.setFault(undefined);
    expect(status).toBe(200);
    expect(json._shards).toMatchObject({
      total: 2,
      successful: 1,
      failed: 1,
      failures: [{ shard: 0, index: 'shard-a', reason: { type: expect.any(String) } }],
    });
    expect(((json.hits as Json).hits as Json[]).map((h) => h._index)).toEqual(['shard-b']);
  });

  it('records method, path, parameters, headers and the body', async () => {
    sim.requests.length = 0;
    await call(
      `${sim.url}/fluentd-*/_search?ignore_unavailable=true`,
      'POST',
      { size: 1 },
      { authorization: 'ApiKey abc' },
    );
    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0]).toMatchObject({
      method: 'POST',
      path: '/fluentd-*/_search',
      params: { ignore_unavailable: ['true'] },
      headers: { authorization: 'ApiKey abc' },
      body: '{"size":1}',
      json: { size: 1 },
    });
  });
});
