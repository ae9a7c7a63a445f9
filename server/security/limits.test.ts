import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLogsift, type TestLogsift } from '../testing';

const audit: string[] = [];
let logsift: TestLogsift;
beforeAll(async () => {
  logsift = await startTestLogsift(
    {
      datasources: [{ id: 'local', kind: 'local', replay: false }],
      // Sign-in off for everyone: these checks are about hosts and addresses, not people.
      auth: { mode: 'none' },
      server: {
        limits: { rateLimit: { max: 5, windowMs: 60_000 }, maxBodyBytes: 64 * 1024 },
        timeouts: { headersMs: 600, requestMs: 1_500 },
      },
    },
    { sampleScale: 0.001, auditSink: { write: (line) => audit.push(line) } },
  );
  // Stands in for sign-in: the user named by a test-only header, set before the routes run.
  logsift.app.addHook('onRequest', async (request) => {
    const user = request.headers['x-test-user'];
    if (typeof user === 'string') {
      request.principal = { id: user, name: user, groups: [], unrestricted: true };
    }
  });
});
afterAll(() => logsift.close());

const translate = (remoteAddress: string, headers: Record<string, string> = {}) =>
  logsift.app.inject({
    method: 'POST',
    url: '/api/v1/translate',
    remoteAddress,
    headers,
    payload: { language: 'logql', to: 'kql', query: '{app="web"} |= "error"' },
  });

describe('rate limit', () => {
  it('answers 429 limit with Retry-After once a client address spent its budget', async () => {
    for (let i = 0; i < 5; i++) expect((await translate('10.0.0.7')).statusCode).toBe(200);
    const over = await translate('10.0.0.7');
    expect(over.statusCode).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.json()).toEqual({
      error: { code: 'limit', message: expect.stringMatching(/more than 5 requests in 60 s/) },
    });
    // Another address, health, metrics and the UI's files are not held back.
    expect((await translate('10.0.0.8')).statusCode).toBe(200);
    for (const url of ['/healthz', '/readyz', '/metrics', '/']) {
      const r = await logsift.app.inject({ url, remoteAddress: '10.0.0.7' });
      expect(r.statusCode, url).not.toBe(429);
    }
  });

  it('counts per signed-in user, not per address', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await translate('10.0.0.9', { 'x-test-user': 'ann' })).statusCode).toBe(200);
    }
    expect((await translate('10.0.0.9', { 'x-test-user': 'ann' })).statusCode).toBe(429);
    expect((await translate('10.0.0.9', { 'x-test-user': 'bob' })).statusCode).toBe(200);
  });

  it('does not hold back a loopback client while nobody signs in', async () => {
    for (let i = 0; i < 8; i++) expect((await translate('127.0.0.1')).statusCode).toBe(200);
  });
});

describe('request principal', () => {
  it('cannot be set by a client through any header', async () => {
    audit.length = 0;
    const spoofed = await logsift.app.inject({
      method: 'POST',
      url: '/api/v1/query',
      remoteAddress: '127.0.0.1',
      headers: {
        'x-forwarded-user': 'admin',
        'x-auth-request-user': 'admin',
        'x-remote-user': 'admin',
        'remote-user': 'admin',
        'x-principal': JSON.stringify({ id: 'admin', unrestricted: true }),
        'x-webauth-user': 'admin',
        authorization: 'Basic YWRtaW46YWRtaW4=',
      },
      payload: {
        datasource: 'local',
        language: 'logql',
        query: '{job=~".+"}',
        from: 'now-1h',
        to: 'now',
        limit: 1,
      },
    });
    expect(spoofed.statusCode).toBe(200);
    expect(audit.map((l) => (JSON.parse(l) as { user: string }).user)).toEqual(['anonymous']);
  });
});

describe('oversized bodies', () => {
  it('answers 413 limit in JSON before reading past the limit', async () => {
    const big = await logsift.app.inject({
      method: 'POST',
      url: '/api/v1/query',
      remoteAddress: '127.0.0.1',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ query: 'x'.repeat(65 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: { code: 'limit' } });
  });
});

describe('slowloris', () => {
  it('cuts a connection whose headers arrive a byte at a time, and serves a prompt one', async () => {
    await logsift.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (logsift.app.server.address() as AddressInfo).port;
    const slow = connect(port, '127.0.0.1');
    const head = 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: ' + 'a'.repeat(200);
    let sent = 0;
    const drip = setInterval(() => {
      if (!slow.destroyed && sent < head.length) slow.write(head[sent++] ?? '');
    }, 50);
    const started = Date.now();
    let answer = '';
    slow.on('data', (d) => (answer += String(d)));
    await new Promise<void>((resolve) => slow.on('close', () => resolve()));
    clearInterval(drip);
    const lasted = Date.now() - started;
    expect(lasted).toBeLessThan(3_000);
    expect(sent).toBeLessThan(head.length);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);

    const prompt = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(prompt.status).toBe(200);
  });
});
