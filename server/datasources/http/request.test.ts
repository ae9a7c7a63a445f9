import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRequest } from './request';

describe('sendRequest', () => {
  let server: http.Server;
  let base: string;
  const agent = new http.Agent({ keepAlive: true });
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const body = decodeURIComponent(req.url?.slice(1) ?? '');
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(Buffer.from(body, 'utf8'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => {
    agent.destroy();
    server.close();
  });

  const get = (text: string) =>
    sendRequest(
      {
        method: 'GET',
        url: new URL(encodeURIComponent(text), base),
        headers: {},
        agent,
        timeoutMs: 5_000,
        backend: 'Test',
      },
      new AbortController().signal,
    );

  it.each([
    ['ASCII', '{"line":"GET /healthz 200"}'],
    ['UTF-8 beyond ASCII', '{"line":"café ✓ 日本 😀 \\u00e9"}'],
    ['a byte that is Latin-1 but not ASCII', '{"line":"ÿ"}'],
  ])('reads %s bodies as the same text', async (_, text) => {
    const { status, body } = await get(text);
    expect(status).toBe(200);
    expect(body).toBe(text);
  });
});
