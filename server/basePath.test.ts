import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { LogsiftConfigSchema } from './config/schema';
import { createDatasources } from './datasources/registry';

describe('behind an Ingress path prefix', () => {
  it('serves the API, health and the SPA under basePath only', async () => {
    const staticDir = await mkdtemp(join(tmpdir(), 'logsift-base-'));
    await writeFile(join(staticDir, 'index.html'), '<html><head></head><body></body></html>');
    await mkdir(join(staticDir, 'assets'));
    await writeFile(join(staticDir, 'assets', 'app-1a2b.js'), 'console.log(1)');
    const config = LogsiftConfigSchema.parse({
      datasources: [{ id: 'local', kind: 'local', replay: false }],
      server: { basePath: '/logs' },
    });
    const registry = await createDatasources(config.datasources, { sampleScale: 0.02 });
    const app = await buildApp({ config, datasources: registry, staticDir });

    const list = await app.inject('/logs/api/v1/datasources');
    expect(list.json()).toEqual([expect.objectContaining({ id: 'local' })]);
    expect((await app.inject('/logs/healthz')).json()).toEqual({ status: 'ok' });
    expect((await app.inject('/logs')).body).toContain('<base href="/logs/" />');
    const deep = await app.inject('/logs/explore?q=x');
    expect(deep.body).toContain('<base href="/logs/" />');
    expect(deep.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(deep.headers['cache-control']).toBe('no-cache');
    const asset = await app.inject('/logs/assets/app-1a2b.js');
    expect(asset.body).toBe('console.log(1)');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    const missing = await app.inject('/logs/api/v1/nothing');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe('no route GET /logs/api/v1/nothing');
    const outside = await app.inject('/api/v1/datasources');
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe('not_found');
    await app.close();
    await registry.closeAll();
  });
});
