import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { LogRecord, QueryResponse } from '../../model';
import { asPages, sendQueryPages } from './jsonStream';

const record = (i: number): LogRecord => ({
  id: `r${i}`,
  ts: String(1_700_000_000_000_000_000n + BigInt(i)),
  line: `line "${i}" \u2028 ünïcode`,
  labels: { app: 'x' },
  fields: {},
  level: 'info',
  source: 'loki',
});

describe('sendQueryPages', () => {
  it.each([0, 1, 500, 1_234])('streams %i records as the same JSON as one string', async (n) => {
    const body: QueryResponse = {
      records: Array.from({ length: n }, (_, i) => record(i)),
      cursor: 'abc',
      stats: { scanned: n, returned: n, tookMs: 1, truncated: false },
    };
    const app = Fastify();
    app.get('/', (_req, reply) => sendQueryPages(reply, asPages(body)));
    const res = await app.inject('/');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toBe(JSON.stringify(body));
    await app.close();
  });
});
