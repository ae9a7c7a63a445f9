import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { LogsiftConfigSchema } from '../config/schema';
import { createDatasources, type DatasourceRegistry } from '../datasources/registry';

/** The server log as main.ts writes it (logger on), caught from its stream. */
const written: string[] = [];
let app: FastifyInstance;
let registry: DatasourceRegistry;

beforeAll(async () => {
  const config = LogsiftConfigSchema.parse({
    datasources: [{ id: 'local', kind: 'local', replay: false }],
  });
  registry = await createDatasources(config.datasources, { sampleScale: 0.01 });
  app = await buildApp({
    config,
    datasources: registry,
    logger: { stream: { write: (line) => void written.push(line) } },
    auditSink: { write: () => undefined },
  });
});
afterAll(async () => {
  await app.close();
  await registry.closeAll();
});

const SECRETS = ['Bearer s3cret-bearer', 's3cret-cookie', 's3cret-password', 's3cret-token'];

describe('server log', () => {
  it('is one JSON object a line with level, ISO time, msg and the request id, secrets redacted', async () => {
    const from = written.length;
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/datasources',
      headers: { authorization: 'Bearer s3cret-bearer', cookie: 'session=s3cret-cookie' },
    });
    expect(res.statusCode).toBe(200);
    await app.inject({ method: 'POST', url: '/api/v1/query', payload: { nonsense: true } });
    app.log.info(
      {
        upstream: {
          headers: { authorization: 'Bearer s3cret-bearer', cookie: 'session=s3cret-cookie' },
        },
        datasource: { id: 'loki', password: 's3cret-password', auth: { token: 's3cret-token' } },
        headers: { authorization: 'Bearer s3cret-bearer' },
      },
      'what a careless handler might log',
    );
    const lines = written.slice(from);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const entries = lines.map((line) => {
      expect(line.trimEnd()).not.toContain('\n');
      return JSON.parse(line) as Record<string, unknown>;
    });
    for (const entry of entries) {
      expect(entry['level']).toMatch(/^(trace|debug|info|warn|error|fatal)$/);
      expect(entry['time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(typeof entry['msg']).toBe('string');
    }
    const requestLines = entries.filter((e) => e['msg'] !== 'what a careless handler might log');
    expect(requestLines.length).toBeGreaterThanOrEqual(4);
    for (const entry of requestLines) expect(entry['reqId']).toEqual(expect.any(String));
    const text = lines.join('');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    const careless = entries.at(-1) as {
      upstream: { headers: Record<string, string> };
      datasource: { password: string; auth: { token: string } };
    };
    expect(careless.upstream.headers['authorization']).toBe('[redacted]');
    expect(careless.upstream.headers['cookie']).toBe('[redacted]');
    expect(careless.datasource.password).toBe('[redacted]');
    expect(careless.datasource.auth.token).toBe('[redacted]');
  });
});
