import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { expandSharedSets, type LogRecord, type QueryResponse } from '../../model';
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

  it('writes each record its own fields, level and source where records share a label set', async () => {
    const labels = { app: 'shared', pod: 'p-1' };
    const quiet = { detected_level: 'info' };
    const loud = { detected_level: 'error', trace_id: 'abc' };
    const levels = ['info', 'error', 'info'] as const;
    const records: LogRecord[] = Array.from({ length: 9 }, (_, i) => ({
      ...record(i),
      labels,
      fields: i < 4 ? quiet : loud,
      level: levels[i % 3] ?? 'info',
      source: i < 6 ? 'loki' : 'other',
    }));
    const body: QueryResponse = {
      records,
      stats: { scanned: 9, returned: 9, tookMs: 1, truncated: false },
    };
    const app = Fastify();
    app.get('/', (_req, reply) => sendQueryPages(reply, asPages(body)));
    expect((await app.inject('/')).body).toBe(JSON.stringify(body));
    await app.close();
  });

  it('with shared sets writes each set once, then its index, and reads back the same', async () => {
    const pods = [
      { app: 'a', pod: 'a-1' },
      { app: 'a', pod: 'a-2' },
      { app: 'b', pod: 'b-1' },
    ];
    const metadata = [{}, { detected_level: 'info' }, { detected_level: 'error' }];
    // Label and field sets in turns that meet in every order, and one object as both.
    const records: LogRecord[] = Array.from({ length: 40 }, (_, i) => {
      const labels = pods[(i * 7) % 3] ?? {};
      return {
        ...record(i),
        labels,
        fields: i === 13 ? labels : (metadata[Math.floor(i / 5) % 3] ?? {}),
      };
    });
    const body: QueryResponse = {
      records,
      stats: { scanned: 40, returned: 40, tookMs: 1, truncated: false },
    };
    const pages = {
      pages: (async function* () {
        yield records.slice(0, 17);
        yield records.slice(17);
      })(),
      end: () => ({ stats: body.stats }),
    };
    const app = Fastify();
    app.get('/', (_req, reply) => sendQueryPages(reply, pages, 'shared'));
    const res = await app.inject('/');
    await app.close();
    const answer = JSON.parse(res.body) as QueryResponse;
    const written = res.body.match(/"labels":\{|"fields":\{/g) ?? [];
    expect(written).toHaveLength(pods.length + metadata.length);
    expect(res.body.length).toBeLessThan(JSON.stringify(body).length);
    expect({ ...answer, records: expandSharedSets(answer.records) }).toEqual(body);
  });

  it('writes hard lines exactly as JSON.stringify does, across pages and chunk edges', async () => {
    const lines = [
      'nul \u0000 bell \u0007 tab \t quote " backslash \\',
      'lone surrogate \ud800 and a pair 😀',
      'é'.repeat(1_000_000),
      '<script>alert(1)</script> \u001b[31mred\u001b[0m',
      '',
    ];
    const records: LogRecord[] = lines.flatMap((line, i) =>
      Array.from({ length: line.length > 1_000 ? 3 : 300 }, (_, j) => ({
        ...record(i * 1_000 + j),
        id: [`id "${i}" ${j} ü`, `id \\ ${i} ${j}`, `id \u0001 ${i} ${j}`][j % 3] ?? '',
        line: j % 2 === 0 ? line : `${line} ${j}`,
        labels: { app: 'naïve "app"' },
      })),
    );
    const pages = [records.slice(0, 500), [], records.slice(500)];
    const rest = { stats: { scanned: 1, returned: records.length, tookMs: 1, truncated: false } };
    const app = Fastify();
    app.get('/', (_req, reply) =>
      sendQueryPages(reply, {
        pages: (async function* () {
          yield* pages;
        })(),
        end: () => rest,
      }),
    );
    const res = await app.inject('/');
    expect(res.body).toBe(JSON.stringify({ records, ...rest }));
    await app.close();
  });
});
