import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../testing';
import { createElasticsearchDatasource, ElasticsearchDatasourceConfigSchema } from '.';

const fixture = (name: string) =>
  readFileSync(new URL(`./testdata/${name}.json`, import.meta.url), 'utf8');

/** Real bodies, byte for byte: `_field_caps` made up from the fixture's own fields. */
const FIELD_CAPS = JSON.stringify({
  indices: ['logs-2023.02.09'],
  fields: {
    testtime: { date: { type: 'date', searchable: true, aggregatable: true } },
    line: { text: { type: 'text', searchable: true, aggregatable: false } },
    lvl: { keyword: { type: 'keyword', searchable: true, aggregatable: true } },
    label: { keyword: { type: 'keyword', searchable: true, aggregatable: true } },
    _id: { _id: { type: '_id', metadata_field: true, searchable: true, aggregatable: false } },
  },
});
let search: { status: number; body: string };
const seen: { method: string; path: string; body: string }[] = [];
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      seen.push({ method: req.method ?? '', path, body });
      const caps = path.endsWith('/_field_caps');
      res.writeHead(caps ? 200 : search.status, { 'content-type': 'application/json' });
      res.end(caps ? FIELD_CAPS : search.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const ds = () =>
  createElasticsearchDatasource(
    ElasticsearchDatasourceConfigSchema.parse({
      id: 'es',
      kind: 'elasticsearch',
      url,
      index: 'logs-*',
      timeField: 'testtime',
      messageField: 'line',
      fields: { app: 'label' },
    }),
  );
const req = {
  language: 'lucene' as const,
  query: 'hello',
  fromMs: 1_675_900_000_000,
  toMs: 1_676_000_000_000,
  limit: 100,
  direction: 'backward' as const,
};
const signal = () => AbortSignal.timeout(5_000);

describe('Elasticsearch answers normalized', () => {
  it('turns hits into records: ids, nanosecond times, message, level, mapped labels, fields', async () => {
    const wire = JSON.parse(fixture('msearch_logs_hits_highlight_sort')) as {
      responses: unknown[];
    };
    search = { status: 200, body: JSON.stringify(wire.responses[0]) };
    const { records, stats } = await ds().query(req, signal());
    expect(records).toHaveLength(5);
    expect(stats.total).toBe(81);
    expect(records[0]).toMatchObject({
      id: 'logs-2023.02.09/g2aeNoYB7vaC3bq-ezfK',
      ts: '1675953601475000000',
      line: 'log text  [106619125]',
      level: 'info',
      labels: { app: 'val3' },
      source: 'es',
    });
    expect(records[0]?.fields['nested_field.internal.nested']).toBe('value1');
    expect(records[1]?.level).toBe('error');
    const sent = JSON.parse(seen.at(-1)?.body ?? '{}') as Record<string, unknown>;
    expect(sent).toMatchObject({
      size: 100,
      sort: [{ testtime: { order: 'desc', unmapped_type: 'boolean' } }],
      track_total_hits: true,
      query: {
        bool: {
          filter: [
            { query_string: { query: 'hello' } },
            { range: { testtime: { gte: req.fromMs, lte: req.toMs, format: 'epoch_millis' } } },
          ],
        },
      },
    });
  });
});

describe("Elasticsearch's errors, with root_cause[0].reason", () => {
  it('a missing index names the pattern; a bad query is bad_query; a 5xx is unavailable', async () => {
    search = { status: 404, body: fixture('error_index_not_found_exception_404') };
    const missing = await failure(ds().query(req, signal()));
    expect(missing.code).toBe('not_found');
    expect(missing.message).toContain('no index matches "logs-*"');
    search = { status: 400, body: fixture('error_search_phase_execution_exception_400') };
    const bad = await failure(ds().query(req, signal()));
    expect(bad.code).toBe('bad_query');
    expect(bad.message).toBe('Elasticsearch: compile error');
    search = { status: 400, body: fixture('error_parsing_exception_400') };
    expect((await failure(ds().query(req, signal()))).code).toBe('bad_query');
    search = {
      status: 401,
      body: '{"error":{"root_cause":[{"type":"security_exception","reason":"missing authentication credentials for REST request [/logs-*/_search]"}],"type":"security_exception","reason":"missing authentication credentials for REST request [/logs-*/_search]"},"status":401}',
    };
    const denied = await failure(ds().query(req, signal()));
    expect(denied.code).toBe('unauthorized');
    expect(denied.message).toContain('missing authentication credentials');
    search = { status: 503, body: '{"error":"no shard available"}' };
    expect((await failure(ds().query(req, signal()))).code).toBe('backend_unavailable');
  });
});
