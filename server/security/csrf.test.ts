import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SavedQueryBody } from '../../model';
import { checkOrigin } from '../http/hardening/origin';
import { startTestLogsift, type TestLogsift } from '../testing';

const HOST = 'logs.example.com';
let logsift: TestLogsift;
beforeAll(async () => {
  logsift = await startTestLogsift(
    {
      datasources: [{ id: 'local', kind: 'local', replay: false }],
      // Sign-in off for everyone: these checks are about hosts and addresses, not people.
      auth: { mode: 'none' },
      server: { allowedOrigins: ['https://portal.example.com'] },
    },
    { sampleScale: 0.001 },
  );
});
afterAll(() => logsift.close());

const saved: SavedQueryBody = {
  name: 'csrf probe',
  description: '',
  datasources: ['local'],
  language: 'logql',
  query: '{job=~".+"}',
  range: { from: 'now-1h', to: 'now' },
};

function post(headers: Record<string, string>, payload: string | object = saved) {
  return logsift.app.inject({
    method: 'POST',
    url: '/api/v1/saved-queries',
    headers: { host: HOST, ...headers },
    payload,
  });
}

describe('cross-site request forgery', () => {
  it('refuses a write from another origin with 403 and the reason, before anything is stored', async () => {
    const refused = await post({ origin: 'https://evil.example' });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/json/);
    expect(refused.json()).toEqual({
      error: {
        code: 'forbidden',
        message: expect.stringContaining('Origin https://evil.example is not'),
      },
    });
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const r = await logsift.app.inject({
        method,
        url: '/api/v1/saved-queries/abc',
        headers: { host: HOST, origin: 'null' },
      });
      expect(r.statusCode, method).toBe(403);
    }
    const list = await logsift.app.inject({
      url: '/api/v1/saved-queries',
      headers: { host: HOST },
    });
    expect(list.json()).toMatchObject({ total: 0 });
  });

  it('refuses the forms a cross-site page can send without a preflight', async () => {
    const evil = { origin: 'https://evil.example' };
    const textPlain = await post({ ...evil, 'content-type': 'text/plain' }, JSON.stringify(saved));
    expect(textPlain.statusCode).toBe(403);
    const form = await post(
      { ...evil, 'content-type': 'application/x-www-form-urlencoded' },
      'name=x&query=%7Bjob%3D~%22.%2B%22%7D',
    );
    expect(form.statusCode).toBe(403);
    const multipart = await post(
      { ...evil, 'content-type': 'multipart/form-data; boundary=x' },
      '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--x--\r\n',
    );
    expect(multipart.statusCode).toBe(403);
    // Even from our own origin such a body is not taken: only JSON is parsed.
    const ownTextPlain = await post(
      { origin: `https://${HOST}`, 'content-type': 'text/plain' },
      JSON.stringify(saved),
    );
    expect(ownTextPlain.statusCode).toBe(400);
  });

  it('refuses by Sec-Fetch-Site or Referer when a browser sent no Origin', async () => {
    expect((await post({ 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await post({ 'sec-fetch-site': 'same-site' })).statusCode).toBe(403);
    expect((await post({ referer: 'https://evil.example/page' })).statusCode).toBe(403);
  });

  it('takes writes from its own pages, configured origins and non-browser clients', async () => {
    expect((await post({ origin: `https://${HOST}` })).statusCode).toBe(201);
    expect((await post({ origin: `http://${HOST}` })).statusCode).toBe(201);
    expect((await post({ origin: 'https://portal.example.com' })).statusCode).toBe(201);
    expect((await post({ 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
    expect((await post({ referer: `https://${HOST}/explore` })).statusCode).toBe(201);
    expect((await post({})).statusCode).toBe(201);
    // Reads are not forgeries: a cross-site GET cannot read the answer (no CORS headers).
    const read = await logsift.app.inject({
      url: '/api/v1/saved-queries',
      headers: { host: HOST, origin: 'https://evil.example' },
    });
    expect(read.statusCode).toBe(200);
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('compares hosts with their ports, never a prefix or a lookalike', () => {
    const own = { host: 'logs.example.com:8443' };
    expect(checkOrigin({ ...own, origin: 'https://logs.example.com:8443' }, []).ok).toBe(true);
    for (const origin of [
      'https://logs.example.com',
      'https://logs.example.com.evil.example:8443',
      'https://evil.example/logs.example.com:8443',
      'https://logs.example.com:8443@evil.example',
      'null',
      'not a url',
    ]) {
      expect(checkOrigin({ ...own, origin }, []).ok, origin).toBe(false);
    }
    expect(checkOrigin({ origin: 'https://evil.example' }, []).ok).toBe(false);
    // Behind a proxy that rewrites Host, the host the browser used comes as X-Forwarded-Host.
    const proxied = { host: '127.0.0.1:8080', 'x-forwarded-host': 'logs.example.com' };
    expect(checkOrigin({ ...proxied, origin: 'https://logs.example.com' }, []).ok).toBe(true);
    expect(checkOrigin({ ...proxied, origin: 'https://evil.example' }, []).ok).toBe(false);
  });
});

describe('cross-site WebSocket hijacking', () => {
  it('refuses a tail handshake from another origin and takes one from its own', async () => {
    await logsift.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (logsift.app.server.address() as AddressInfo).port;
    const open = (origin: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/tail`, { origin });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('error', () => undefined);
      });
    expect(await open('https://evil.example')).toBe(403);
    expect(await open(`http://127.0.0.1:${port}`)).toBe(101);
  });
});
