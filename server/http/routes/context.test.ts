import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS_PRINCIPAL } from '../../auth/principal';
import type { ContextResponse, LogRecord, QueryResponse } from '../../../model';
import { buildApp } from '../../app';
import { LogsiftConfigSchema } from '../../config/schema';
import { createDatasources, DatasourceRegistry } from '../../datasources/registry';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const config = LogsiftConfigSchema.parse({
  datasources: [{ id: 'local', kind: 'local', replay: false }],
});
let registry: DatasourceRegistry;
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  registry = await createDatasources(config.datasources, { now: () => NOW, sampleScale: 0.05 });
  app = await buildApp({ config, datasources: registry, now: () => NOW });
});
afterAll(async () => {
  await app.close();
  await registry.closeAll();
});

async function someRecord(): Promise<LogRecord> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/query',
    payload: {
      datasource: 'local',
      language: 'logql',
      query: '{namespace="shop"}',
      from: NOW - 86_400_000,
      to: NOW,
      limit: 100,
    },
  });
  const record = res.json<QueryResponse>().records[60];
  if (!record) throw new Error('no sample line');
  return record;
}

describe('POST /api/v1/context', () => {
  it('answers 25 lines each way by default, of the record’s stream', async () => {
    const record = await someRecord();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/context',
      payload: { datasource: 'local', record },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<ContextResponse>();
    expect(body.before).toHaveLength(25);
    expect(body.after.length).toBeGreaterThan(0);
    expect(body.after.length).toBeLessThanOrEqual(25);
    expect(body.before.every((r) => r.labels['pod'] === record.labels['pod'])).toBe(true);
  });

  it('refuses a bad request and a datasource without context', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/context',
      payload: { datasource: 'local', record: { id: 'x', ts: 'yesterday', labels: {} } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('bad_query');

    const local = registry.get('local', ANONYMOUS_PRINCIPAL);
    const plain = new DatasourceRegistry([
      { ...local, id: 'plain', context: undefined } as typeof local,
    ]);
    const other = await buildApp({ config, datasources: plain });
    const res = await other.inject({
      method: 'POST',
      url: '/api/v1/context',
      payload: { datasource: 'plain', record: { id: 'x', ts: '1', labels: {} } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'unsupported',
      message: expect.stringContaining('plain cannot show the lines around a record'),
    });
    await other.close();
  });
});
