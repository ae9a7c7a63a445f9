import { describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { LogsiftConfigSchema } from '../../config/schema';
import { createDatasources } from '../../datasources/registry';
import { ANONYMOUS_PRINCIPAL } from '../../auth/principal';

describe('/readyz', () => {
  it('stays ready, naming it, while one datasource is down; 503 when none answers', async () => {
    const config = LogsiftConfigSchema.parse({
      datasources: [
        { id: 'up', kind: 'local', replay: false },
        { id: 'down', kind: 'local', replay: false },
      ],
    });
    const registry = await createDatasources(config.datasources, { sampleScale: 0.02 });
    const app = await buildApp({ config, datasources: registry });
    expect((await app.inject('/readyz')).statusCode).toBe(200);
    expect((await app.inject('/api/v1/status')).json()).toEqual({ status: 'ok', problems: [] });
    await registry.get('down', ANONYMOUS_PRINCIPAL).close();
    const degraded = await app.inject('/readyz');
    expect(degraded.statusCode).toBe(200);
    expect(degraded.json()).toEqual({ status: 'degraded', unavailable: ['down'] });
    await registry.get('up', ANONYMOUS_PRINCIPAL).close();
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not ready', unavailable: ['up', 'down'] });
    const metrics = (await app.inject('/metrics')).body;
    expect(metrics).toContain(
      'logsift_http_requests_total{route="/readyz",method="GET",status="503"} 1',
    );
    expect(metrics).toContain('process_cpu_seconds_total');
    await app.close();
    await registry.closeAll();
  });
});
