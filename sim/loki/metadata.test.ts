import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLokiSim, type LokiSim } from './index';
import { expectShapeLike, getError, getJson, ns } from './testing';

const NOW = Date.parse('2026-03-02T12:00:00Z');
let sim: LokiSim;

beforeAll(async () => {
  sim = await startLokiSim({ now: () => NOW, sampleScale: 0.01, replay: false });
  sim.push({ job: 'meta', env: 'prod' }, [
    [ns('2026-03-02T11:00:00Z'), 'level=info msg=started took=15ms size=2KB ok=true'],
    [
      ns('2026-03-02T11:01:00Z'),
      'level=warn msg=slow took=1.5s size=10KB ok=false',
      { user: 'ana' },
    ],
  ]);
  sim.push({ job: 'meta', env: 'dev' }, [[ns('2026-03-02T11:02:00Z'), '{"count":3,"ratio":0.5}']]);
});
afterAll(() => sim.close());

const api = (path: string, params: Record<string, string> = {}) =>
  `${sim.url}/loki/api/v1/${path}?${new URLSearchParams(params).toString()}`;

describe('labels and values', () => {
  it('lists indexed label names, service_name but not detected_level or metadata', async () => {
    const body = (await getJson(api('labels', { query: '{job="meta"}' }))) as { data: string[] };
    expect(body).toEqual({ status: 'success', data: ['env', 'job', 'service_name'] });
    const all = (await getJson(api('labels'))) as { data: string[] };
    expect(all.data).toEqual(expect.arrayContaining(['namespace', 'pod', 'service_name']));
  });

  it('lists values sorted, in the shape of a real answer', async () => {
    const body = await getJson(api('label/env/values'));
    expectShapeLike(body, 'label_values_real.json');
    expect(body).toEqual({ status: 'success', data: ['dev', 'prod'] });
  });
});

describe('series', () => {
  it('takes repeated match[] and answers label sets like the docs example', async () => {
    const search = new URLSearchParams();
    search.append('match[]', '{env="prod"}');
    search.append('match[]', '{env="dev"}');
    const body = await getJson(`${sim.url}/loki/api/v1/series?${search.toString()}`);
    expectShapeLike(body, 'series_response_docs.json');
    expect((body as { data: unknown }).data).toEqual([
      { env: 'dev', job: 'meta', service_name: 'meta' },
      { env: 'prod', job: 'meta', service_name: 'meta' },
    ]);
    const posted = await getJson(`${sim.url}/loki/api/v1/series`, { method: 'POST', body: search });
    expect(posted).toEqual(body);
  });

  it('refuses a pipeline in match[]', async () => {
    const [status, text] = await getError(api('series', { 'match[]': '{env="dev"} | json' }));
    expect([status, text]).toEqual([400, 'only label matchers are supported\n']);
  });
});

describe('index endpoints', () => {
  it('index/stats answers a bare object', async () => {
    const body = await getJson(api('index/stats', { query: '{job="meta"}' }));
    expect(body).toEqual({ streams: 2, chunks: 2, entries: 3, bytes: expect.any(Number) });
  });

  it('index/volume sums bytes per selector label, largest first', async () => {
    const body = (await getJson(api('index/volume', { query: '{env=~".+"}' }))) as {
      data: { resultType: string; result: { metric: object; value: [number, string] }[] };
    };
    expect(body.data.resultType).toBe('vector');
    expect(body.data.result.map((r) => r.metric)).toEqual([{ env: 'prod' }, { env: 'dev' }]);
    expect(body.data.result[0]?.value).toEqual([NOW / 1000, expect.stringMatching(/^\d+$/)]);
  });

  it('index/volume answers 404 without volume_enabled', async () => {
    const off = await startLokiSim({ sampleScale: 0, replay: false, volumeEnabled: false });
    try {
      const url = `${off.url}/loki/api/v1/index/volume?query=${encodeURIComponent('{a="b"}')}`;
      expect(await getError(url)).toEqual([404, 'not found\n']);
    } finally {
      await off.close();
    }
  });
});

describe('detected_fields', () => {
  it('types fields found by json and logfmt, metadata with no parser', async () => {
    const body = (await getJson(api('detected_fields', { query: '{job="meta"}' }))) as {
      fields: { label: string; type: string; cardinality: number; parsers: string[] | null }[];
      limit: number;
    };
    const byName = Object.fromEntries(body.fields.map((f) => [f.label, f]));
    expect(byName['took']).toEqual({
      label: 'took',
      type: 'duration',
      cardinality: 2,
      parsers: ['logfmt'],
    });
    expect(byName['size']?.type).toBe('bytes');
    expect(byName['ok']?.type).toBe('boolean');
    expect(byName['count']).toEqual({
      label: 'count',
      type: 'int',
      cardinality: 1,
      parsers: ['json'],
    });
    expect(byName['ratio']?.type).toBe('float');
    expect(byName['user']).toEqual({
      label: 'user',
      type: 'string',
      cardinality: 1,
      parsers: null,
    });
    expect(body.limit).toBe(1000);
  });

  it('is a 404 on Loki 2.9, which has no such route', async () => {
    const old = await startLokiSim({ sampleScale: 0, replay: false, version: '2.9.10' });
    try {
      const url = `${old.url}/loki/api/v1/detected_fields?query=${encodeURIComponent('{a="b"}')}`;
      expect(await getError(url)).toEqual([404, '404 page not found\n']);
      const info = (await getJson(`${old.url}/loki/api/v1/status/buildinfo`)) as object;
      expect(info).toMatchObject({ version: '2.9.10', branch: 'release-2.9.x' });
    } finally {
      await old.close();
    }
  });
});

describe('status', () => {
  it('answers ready and build info', async () => {
    const ready = await fetch(`${sim.url}/ready`);
    expect([ready.status, await ready.text()]).toEqual([200, 'ready\n']);
    const info = await getJson(`${sim.url}/loki/api/v1/status/buildinfo`);
    expect(Object.keys(info as object)).toEqual([
      'version',
      'revision',
      'branch',
      'buildUser',
      'buildDate',
      'goVersion',
    ]);
    expect(info).toMatchObject({ version: '3.4.6', branch: 'release-3.4.x' });
  });
});
