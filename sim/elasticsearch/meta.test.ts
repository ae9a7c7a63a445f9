import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_STREAM, startElasticsearchSim, type ElasticsearchSim } from './index';
import { call, searchOk, total, type Json } from './testing';

let sim: ElasticsearchSim;

beforeAll(async () => {
  sim = await startElasticsearchSim({ sampleScale: 0, replay: false });
});
afterAll(() => sim.close());

describe('_field_caps', () => {
  it('lists mapped and metadata fields with type, searchable and aggregatable', async () => {
    const { status, json } = await call(`${sim.url}/fluentd-*/_field_caps?fields=*`, 'GET');
    expect(status).toBe(200);
    expect((json.indices as string[]).every((i) => i.startsWith('fluentd-'))).toBe(true);
    const fields = json.fields as Record<string, Json>;
    expect(fields.log).toEqual({
      text: { type: 'text', metadata_field: false, searchable: true, aggregatable: false },
    });
    expect(fields['kubernetes.namespace_name']?.keyword).toMatchObject({ aggregatable: true });
    expect(fields['@timestamp']?.date).toMatchObject({ type: 'date' });
    expect(fields.kubernetes?.object).toMatchObject({ searchable: false });
    expect(fields._id).toEqual({
      _id: { type: '_id', metadata_field: true, searchable: true, aggregatable: false },
    });
    expect(fields._index?._index).toMatchObject({ metadata_field: true, aggregatable: true });
  });

  it('gives a field with conflicting types one entry per type, naming its indices', async () => {
    sim.bulk('caps-a', [{ code: 1 }]);
    sim.bulk('caps-b', [{ code: 'x' }]);
    const { json } = await call(`${sim.url}/caps-*/_field_caps?fields=code`, 'GET');
    expect((json.fields as Json).code).toEqual({
      long: {
        type: 'long',
        metadata_field: false,
        searchable: true,
        aggregatable: true,
        indices: ['caps-a'],
      },
      text: {
        type: 'text',
        metadata_field: false,
        searchable: true,
        aggregatable: false,
        indices: ['caps-b'],
      },
    });
  });

  it('asks for fields, and 404s a missing concrete index', async () => {
    expect((await call(`${sim.url}/fluentd-*/_field_caps`, 'GET')).status).toBe(400);
    expect((await call(`${sim.url}/nope/_field_caps?fields=*`, 'GET')).status).toBe(404);
  });
});

describe('_resolve/index', () => {
  it('names open indices and data streams with their backing indices and timestamp field', async () => {
    const { status, json } = await call(`${sim.url}/_resolve/index/*`, 'GET');
    expect(status).toBe(200);
    const indices = json.indices as Json[];
    expect(indices.length).toBeGreaterThan(0);
    expect(indices.every((i) => (i.attributes as string[]).includes('open'))).toBe(true);
    expect(indices.some((i) => String(i.name).startsWith('.ds-'))).toBe(false);
    expect(json.aliases).toEqual([]);
    const [stream] = json.data_streams as Json[];
    expect(stream).toMatchObject({ name: DATA_STREAM, timestamp_field: '@timestamp' });
    expect((stream?.backing_indices as string[])[0]).toMatch(
      /^\.ds-logs-kubernetes\.container_logs-default-\d{4}\.\d\d\.\d\d-000001$/,
    );
  });

  it('shows hidden backing indices with expand_wildcards=all, and 404s a missing name', async () => {
    const { json } = await call(`${sim.url}/_resolve/index/*?expand_wildcards=all`, 'GET');
    const backing = (json.indices as Json[]).find((i) => String(i.name).startsWith('.ds-'));
    expect(backing).toMatchObject({ attributes: ['hidden', 'open'], data_stream: DATA_STREAM });
    expect((await call(`${sim.url}/_resolve/index/nope`, 'GET')).status).toBe(404);
  });
});

describe('_bulk', () => {
  it('indexes NDJSON and answers each item as Elasticsearch does', async () => {
    const body = [
      '{"index":{"_index":"bulk-test","_id":"1"}}',
      '{"@timestamp":"2026-03-02T12:00:00Z","message":"one"}',
      '{"create":{"_index":"bulk-test","_id":"1"}}',
      '{"message":"dup"}',
      '{"index":{"_id":"1"}}',
      '{"@timestamp":"2026-03-02T12:00:00Z","message":"one again"}',
      '',
    ].join('\n');
    const { status, json } = await call(`${sim.url}/bulk-test/_bulk`, 'POST', body, {
      'content-type': 'application/x-ndjson',
    });
    expect(status).toBe(200);
    expect(json.errors).toBe(true);
    const [created, conflict, updated] = json.items as Json[];
    expect(created).toEqual({
      index: {
        _index: 'bulk-test',
        _id: '1',
        _version: 1,
        result: 'created',
        _shards: { total: 2, successful: 1, failed: 0 },
        _seq_no: 0,
        _primary_term: 1,
        status: 201,
      },
    });
    expect(conflict).toMatchObject({
      create: { status: 409, error: { type: 'version_conflict_engine_exception' } },
    });
    expect(updated).toMatchObject({ index: { _version: 2, result: 'updated', status: 200 } });
    const found = await searchOk(sim.url, 'bulk-test', { query: { match: { message: 'again' } } });
    expect(total(found)).toBe(1);
  });

  it('takes only create into a data stream, and needs the trailing newline', async () => {
    const into = (action: string) =>
      call(
        `${sim.url}/_bulk`,
        'POST',
        `{"${action}":{"_index":"${DATA_STREAM}"}}\n{"@timestamp":"2026-03-02T12:00:00Z","message":"x"}\n`,
      );
    expect(((await into('create')).json.items as Json[])[0]).toMatchObject({
      create: { status: 201 },
    });
    expect(((await into('index')).json.items as Json[])[0]).toMatchObject({
      index: { status: 400 },
    });
    const unterminated = await call(`${sim.url}/_bulk`, 'POST', '{"index":{"_index":"x"}}\n{}');
    expect(unterminated.status).toBe(400);
  });
});

describe('_cluster/health', () => {
  it('is green, red under the fault', async () => {
    expect((await call(`${sim.url}/_cluster/health`, 'GET')).json).toMatchObject({
      status: 'green',
      cluster_name: 'logsift-sim',
    });
    sim.setFault({ red: true });
    expect((await call(`${sim.url}/_cluster/health`, 'GET')).json.status).toBe('red');
    sim.setFault(undefined);
  });
});

describe('OpenSearch flavour', () => {
  it('says OpenSearch 2 in GET / and sends no Elastic product header', async () => {
    const os = await startElasticsearchSim({ sampleScale: 0, replay: false, flavor: 'opensearch' });
    try {
      const res = await fetch(os.url);
      expect(res.headers.get('x-elastic-product')).toBeNull();
      const body = (await res.json()) as { version: Json };
      expect(body.version).toMatchObject({
        distribution: 'opensearch',
        number: expect.stringMatching(/^2\./),
      });
    } finally {
      await os.close();
    }
  });
});
