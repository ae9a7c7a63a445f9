import type { AddressInfo } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal, TailMessage } from '../model';
import { startElasticsearchSim, type ElasticsearchSim } from '../sim/elasticsearch';
import { startLokiSim, type LokiSim } from '../sim/loki';
import { ANONYMOUS_PRINCIPAL, SIGNED_OUT_PRINCIPAL } from './auth/principal';
import { startTestLogsift, type TestLogsift } from './testing';

/**
 * One Logsift for three teams, against a Loki with auth_enabled (the simulator, tenants apart,
 * the samples kept by tenant `ops`) and an Elasticsearch with one index pattern per team.
 */
const NOW = Date.UTC(2026, 10, 24, 12);
const DAY = '2026.11.24';
const PEOPLE: Record<string, Principal> = {
  alice: { id: 'alice', name: 'Alice', groups: ['team-a'], unrestricted: false },
  bob: { id: 'bob', name: 'Bob', groups: ['team-b'], unrestricted: false },
  olga: { id: 'olga', name: 'Olga', groups: ['ops'], unrestricted: false },
  nobody: { id: 'nobody', name: 'Nobody', groups: [], unrestricted: false },
};

let loki: LokiSim;
let es: ElasticsearchSim;
let logsift: TestLogsift;
let app: FastifyInstance;
let tailUrl: string;

const ns = (ms: number) => String(BigInt(ms) * 1_000_000n);

beforeAll(async () => {
  [loki, es] = await Promise.all([
    startLokiSim({
      now: () => NOW,
      sampleScale: 0.002,
      replay: false,
      requireTenant: true,
      samplesTenant: 'ops',
    }),
    startElasticsearchSim({ now: () => NOW, sampleScale: 0.002, replay: false }),
  ]);
  for (const team of ['team-a', 'team-b']) {
    loki.push(
      { app: 'shop', namespace: team },
      [1, 2, 3].map((i) => [ns(NOW - 60_000 * i), `${team} line ${i}`]),
      team,
    );
    es.bulk(
      `${team}-logs-${DAY}`,
      [1, 2, 3].map((i) => ({
        '@timestamp': new Date(NOW - 60_000 * i).toISOString(),
        log: `${team} doc ${i}`,
        kubernetes: { namespace_name: team },
      })),
    );
  }
  logsift = await startTestLogsift(
    {
      datasources: [
        {
          id: 'loki',
          kind: 'loki',
          url: loki.url,
          tenant: 'ops',
          tail: { delayForSeconds: 0 },
          access: {
            groups: ['team-a', 'team-b', 'ops'],
            perGroup: { 'team-a': { tenant: 'team-a' }, 'team-b': { tenant: 'team-b' } },
          },
        },
        {
          id: 'es',
          kind: 'elasticsearch',
          url: es.url,
          index: 'fluentd-*',
          access: {
            groups: ['team-a', 'team-b'],
            perGroup: { 'team-a': { index: 'team-a-*' }, 'team-b': { index: 'team-b-*' } },
          },
        },
        { id: 'ops-only', kind: 'local', replay: false, access: { groups: ['ops'] } },
      ],
    },
    { now: () => NOW, sampleScale: 0.002, auditSink: { write: () => undefined } },
  );
  app = logsift.app;
  // Stands in for sign-in (built elsewhere): the test names who asks in a header.
  app.addHook('onRequest', async (request) => {
    const who = request.headers['x-test-user'];
    request.principal = (typeof who === 'string' && PEOPLE[who]) || ANONYMOUS_PRINCIPAL;
    // A probe on a route open without sign-in: the kubelet has no session.
    if (who === 'unset') request.principal = SIGNED_OUT_PRINCIPAL;
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  tailUrl = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/tail`;
});
afterAll(async () => {
  await logsift?.close();
  await Promise.all([loki?.close(), es?.close()]);
});

const as = (who: string) => ({ 'x-test-user': who });

function post(who: string, url: string, body: Record<string, unknown>) {
  return app.inject({
    method: 'POST',
    url,
    headers: as(who),
    payload: { language: 'logql', query: '{app="shop"}', from: 'now-1h', to: 'now', ...body },
  });
}

const lines = (res: LightMyRequestResponse) =>
  res.json<{ records: { line: string }[] }>().records.map((r) => r.line);

/** The error a hidden datasource gets must be the one of an id that does not exist. */
function expectUnknown(res: LightMyRequestResponse, id: string): void {
  expect(res.statusCode, res.body).toBe(404);
  expect(res.json()).toEqual({
    error: { code: 'not_found', message: `no datasource with id "${id}"` },
  });
}

describe('datasources per group', () => {
  it('lists to each person only the datasources of their groups; everything with sign-in off', async () => {
    const ids = async (who: string) =>
      (await app.inject({ url: '/api/v1/datasources', headers: as(who) }))
        .json<{ id: string }[]>()
        .map((d) => d.id);
    expect(await ids('alice')).toEqual(['loki', 'es']);
    expect(await ids('olga')).toEqual(['loki', 'ops-only']);
    expect(await ids('nobody')).toEqual([]);
    expect(await ids('anonymous')).toEqual(['loki', 'es', 'ops-only']);
  });

  it("queries Loki with each team's own tenant: a team sees its lines and nobody else's", async () => {
    const alice = await post('alice', '/api/v1/query', { datasource: 'loki' });
    expect(lines(alice)).toEqual(['team-a line 1', 'team-a line 2', 'team-a line 3']);
    const bob = await post('bob', '/api/v1/query', { datasource: 'loki' });
    expect(lines(bob)).toEqual(['team-b line 1', 'team-b line 2', 'team-b line 3']);
    // Ops uses the base tenant, which holds the samples and neither team's lines.
    const olga = await post('olga', '/api/v1/query', {
      datasource: 'loki',
      query: '{namespace=~".+"}',
      limit: 1000,
    });
    expect(lines(olga).length).toBeGreaterThan(0);
    expect(lines(olga).filter((l) => l.startsWith('team-'))).toEqual([]);
    const tenants = loki.requests
      .filter((r) => r.path === '/loki/api/v1/query_range')
      .map((r) => r.headers['x-scope-orgid']);
    expect(new Set(tenants)).toEqual(new Set(['team-a', 'team-b', 'ops']));
  });

  it("searches Elasticsearch with each team's index pattern", async () => {
    const search = (who: string) =>
      post(who, '/api/v1/query', { datasource: 'es', language: 'kql', query: '' });
    expect(lines(await search('alice'))).toEqual(['team-a doc 1', 'team-a doc 2', 'team-a doc 3']);
    expect(lines(await search('bob'))).toEqual(['team-b doc 1', 'team-b doc 2', 'team-b doc 3']);
    const anonymous = lines(await search('anonymous'));
    expect(anonymous.length).toBeGreaterThan(0);
    expect(anonymous.filter((l) => l.startsWith('team-'))).toEqual([]);
  });

  it('explains with the tenant and the index pattern the team’s queries really use', async () => {
    type Explained = { requests: { url: string; headers?: Record<string, string> }[] };
    const lokiPlan = (
      await post('bob', '/api/v1/explain', { datasource: 'loki' })
    ).json<Explained>();
    expect(lokiPlan.requests.map((r) => r.headers?.['X-Scope-OrgID'])).toEqual([
      'team-b',
      'team-b',
    ]);
    const esPlan = (
      await post('alice', '/api/v1/explain', { datasource: 'es', language: 'kql', query: '' })
    ).json<Explained>();
    expect(esPlan.requests.map((r) => new URL(r.url).pathname)).toEqual([
      '/team-a-*/_search',
      '/team-a-*/_search',
    ]);
  });

  it('answers a datasource outside the groups exactly as one that does not exist, on every route', async () => {
    for (const url of ['/api/v1/query', '/api/v1/histogram', '/api/v1/facets', '/api/v1/explain']) {
      expectUnknown(await post('alice', url, { datasource: 'ops-only' }), 'ops-only');
      expectUnknown(await post('alice', url, { datasource: 'missing' }), 'missing');
    }
    // A federated request naming it is refused whole, not answered for the others.
    expectUnknown(
      await post('alice', '/api/v1/query', { datasource: ['loki', 'ops-only'] }),
      'ops-only',
    );
    const context = await app.inject({
      method: 'POST',
      url: '/api/v1/context',
      headers: as('alice'),
      payload: { datasource: 'ops-only', record: { id: 'x', ts: '1', labels: {} } },
    });
    expectUnknown(context, 'ops-only');
    for (const path of ['fields', 'values?field=app', 'targets', 'records/x']) {
      const res = await app.inject({
        url: `/api/v1/datasources/ops-only/${path}`,
        headers: as('alice'),
      });
      expectUnknown(res, 'ops-only');
    }
    const download = await app.inject({
      url: '/api/v1/download?ds=ops-only&lang=logql&q=%7Bjob%3D~%22.%2B%22%7D&from=now-1h&to=now',
      headers: as('alice'),
    });
    expectUnknown(download, 'ops-only');
    const nobody = await post('nobody', '/api/v1/query', { datasource: 'loki' });
    expectUnknown(nobody, 'loki');
    // The same id is there for someone in its group.
    const olga = await post('olga', '/api/v1/query', {
      datasource: 'ops-only',
      query: '{job=~".+"}',
    });
    expect(olga.statusCode).toBe(200);
  });

  it("downloads a team's own lines only", async () => {
    const res = await app.inject({
      url: '/api/v1/download?ds=loki&lang=logql&q=%7Bapp%3D%22shop%22%7D&from=now-1h&to=now&format=ndjson',
      headers: as('bob'),
    });
    expect(res.statusCode, res.body).toBe(200);
    const downloaded = res.body
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { line: string }).line);
    expect(downloaded).toEqual(['team-b line 1', 'team-b line 2', 'team-b line 3']);
  });

  it('refuses a saved query naming a datasource the author may not use, as an unknown one', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/saved-queries',
      headers: as('alice'),
      payload: {
        name: 'ops lines',
        datasources: ['ops-only'],
        language: 'logql',
        query: '{job=~".+"}',
        range: { from: 'now-1h', to: 'now' },
      },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(JSON.stringify(res.json())).toContain(
      'no datasource \\"ops-only\\" on this server (it has loki, es)',
    );
  });

  it('tails only the team’s tenant, and refuses a tail of a datasource outside its groups', async () => {
    const tail = (who: string, datasource: string) => {
      const socket = new WebSocket(tailUrl, { headers: as(who) });
      const messages: TailMessage[] = [];
      const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
      socket.on('open', () =>
        socket.send(JSON.stringify({ datasource, language: 'logql', query: '{app="shop"}' })),
      );
      socket.on('message', (data) => messages.push(JSON.parse(String(data)) as TailMessage));
      return { socket, messages, closed };
    };
    const refused = tail('alice', 'ops-only');
    expect(await refused.closed).toBe(1008);
    expect(refused.messages).toEqual([
      { type: 'error', error: { code: 'not_found', message: 'no datasource with id "ops-only"' } },
    ]);

    const alice = tail('alice', 'loki');
    const tailed = () =>
      alice.messages.flatMap((m) => (m.type === 'records' ? m.records.map((r) => r.line) : []));
    await expect.poll(() => loki.requests.some((r) => r.path === '/loki/api/v1/tail')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    loki.push({ app: 'shop' }, [[ns(Date.now()), 'team-b live']], 'team-b');
    loki.push({ app: 'shop' }, [[ns(Date.now()), 'team-a live']], 'team-a');
    await expect.poll(tailed, { timeout: 5_000 }).toContain('team-a live');
    expect(tailed().filter((l) => l.startsWith('team-b'))).toEqual([]);
    alice.socket.close();
    await alice.closed;
  });

  it('names in /readyz only the datasources the asker may use', async () => {
    const readyz = async (who: string) =>
      (await app.inject({ url: '/readyz', headers: as(who) })).json();
    expect(await readyz('alice')).toEqual({ status: 'ready' });
    await logsift.registry
      .all()
      .find((ds) => ds.id === 'ops-only')
      ?.close();
    expect(await readyz('olga')).toEqual({ status: 'degraded', unavailable: ['ops-only'] });
    // Still 200 for a probe; a team is not told that another team's datasource is down.
    expect(await readyz('alice')).toEqual({ status: 'ready' });
    expect(await readyz('unset')).toEqual({ status: 'ready' });
  });
});
