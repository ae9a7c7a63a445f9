import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startElasticsearchSim, type ElasticsearchSim } from './index';
import { call, expectShape, fixture, hitIds, total, type Json } from './testing';

let clock = Date.parse('2026-03-02T12:00:00Z');
const now = () => clock;
let es: ElasticsearchSim;
let os: ElasticsearchSim;

const docs = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    _id: `${prefix}${i}`,
    '@timestamp': new Date(clock - 1000).toISOString(),
    log: `line ${i}`,
  }));

beforeAll(async () => {
  es = await startElasticsearchSim({ sampleScale: 0, replay: false, now });
  os = await startElasticsearchSim({ sampleScale: 0, replay: false, now, flavor: 'opensearch' });
  es.bulk('pit', docs('a', 6));
  os.bulk('pit', docs('a', 6));
});
afterAll(async () => {
  await es.close();
  await os.close();
});

const missing = (json: Json) => ((json.error as Json).root_cause as Json[])[0];

describe('Elasticsearch point in time', () => {
  it('opens, pages with the implicit _shard_doc tiebreaker, freezes the view and closes', async () => {
    const opened = await call(`${es.url}/pit/_pit?keep_alive=1m`, 'POST');
    expect(opened.status).toBe(200);
    const id = opened.json.id as string;
    expect(typeof id).toBe('string');
    es.bulk('pit', docs('late', 3));
    const page = async (after?: unknown) =>
      call(`${es.url}/_search`, 'POST', {
        size: 4,
        pit: { id, keep_alive: '1m' },
        sort: [{ '@timestamp': 'asc' }],
        ...(after ? { search_after: after } : {}),
      });
    const first = await page();
    expect(first.status).toBe(200);
    expect(first.json.pit_id).toBe(id);
    expect(total(first.json)).toBe(6);
    const hits = (first.json.hits as Json).hits as Json[];
    expect(hits[0]?.sort).toEqual([expect.any(Number), expect.any(Number)]);
    const second = await page(hits.at(-1)?.sort);
    expect([...hitIds(first.json), ...hitIds(second.json)]).toEqual([
      'a0',
      'a1',
      'a2',
      'a3',
      'a4',
      'a5',
    ]);
    const closed = await call(`${es.url}/_pit`, 'DELETE', { id });
    expect(closed.json).toEqual({ succeeded: true, num_freed: 1 });
    const again = await call(`${es.url}/_pit`, 'DELETE', { id });
    expect([again.status, again.json]).toEqual([404, { succeeded: true, num_freed: 0 }]);
  });

  it('expires after keep_alive with search_context_missing_exception (404)', async () => {
    const { json } = await call(`${es.url}/pit/_pit?keep_alive=30s`, 'POST');
    clock += 31_000;
    const gone = await call(`${es.url}/_search`, 'POST', { pit: { id: json.id } });
    expect(gone.status).toBe(404);
    expect(gone.json.error).toMatchObject({
      type: 'search_phase_execution_exception',
      reason: 'all shards failed',
    });
    expect(missing(gone.json)).toEqual({
      type: 'search_context_missing_exception',
      reason: expect.stringMatching(/^No search context found for id \[\d+\]$/),
    });
  });

  it('refuses an index in the path, a missing or too long keep_alive, and _shard_doc without PIT', async () => {
    const { json } = await call(`${es.url}/pit/_pit?keep_alive=1m`, 'POST');
    const withIndex = await call(`${es.url}/pit/_search`, 'POST', { pit: { id: json.id } });
    expect(withIndex.status).toBe(400);
    expect(JSON.stringify(withIndex.json)).toContain('[indices] cannot be used with point in time');
    expect((await call(`${es.url}/pit/_pit`, 'POST')).status).toBe(400);
    const long = await call(`${es.url}/pit/_pit?keep_alive=2d`, 'POST');
    expect(missing(long.json)?.reason).toBe(
      'Keep alive for request (2d) is too large. It must be less than (1d). This limit can be set by changing the [search.max_keep_alive] cluster level setting.',
    );
    expect((await call(`${es.url}/pit/_search`, 'POST', { sort: ['_shard_doc'] })).status).toBe(
      400,
    );
  });

  it('loses every PIT on the expirePits fault', async () => {
    const { json } = await call(`${es.url}/pit/_pit?keep_alive=5m`, 'POST');
    es.setFault({ expirePits: true });
    es.setFault(undefined);
    expect((await call(`${es.url}/_search`, 'POST', { pit: { id: json.id } })).status).toBe(404);
  });
});

describe('OpenSearch point in time', () => {
  it('creates with the documented answer, searches with pit.id and deletes by list', async () => {
    const created = await call(`${os.url}/pit/_search/point_in_time?keep_alive=1h`, 'POST');
    expect(created.status).toBe(200);
    expectShape(created.json, fixture('opensearch_create_pit_response_docs.json'));
    expect(created.json.creation_time).toBe(clock);
    const id = created.json.pit_id as string;
    os.bulk('pit', docs('late', 2));
    const found = await call(`${os.url}/_search`, 'POST', {
      size: 10,
      pit: { id },
      sort: [{ '@timestamp': 'asc' }],
    });
    expect(found.json.pit_id).toBe(id);
    expect(total(found.json)).toBe(6);
    const hits = (found.json.hits as Json).hits as Json[];
    expect(hits[0]?.sort).toHaveLength(1);
    const deleted = await call(`${os.url}/_search/point_in_time`, 'DELETE', { pit_id: [id] });
    expect(deleted.json).toEqual({ pits: [{ successful: true, pit_id: id }] });
    expect((await call(`${os.url}/_search`, 'POST', { pit: { id } })).status).toBe(404);
  });

  it('knows no Elasticsearch _pit route, and Elasticsearch none of its', async () => {
    expect((await call(`${os.url}/pit/_pit?keep_alive=1m`, 'POST')).status).toBe(400);
    expect((await call(`${es.url}/pit/_search/point_in_time?keep_alive=1m`, 'POST')).status).toBe(
      400,
    );
  });
});
