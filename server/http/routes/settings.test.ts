import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SettingsResponse } from '../../../model';
import { startTestLogsift } from '../../testing';

const datasources = [{ id: 'local', kind: 'local', replay: false }];

describe('/api/v1/settings and storage health', () => {
  it('answers the minimum refresh and a working store', async () => {
    const logsift = await startTestLogsift(
      { datasources, dashboards: { minRefreshSeconds: 15 } },
      { sampleScale: 0.001 },
    );
    const res = await logsift.app.inject('/api/v1/settings');
    expect(res.json<SettingsResponse>()).toEqual({
      dashboards: { minRefreshMs: 15_000 },
      storage: { driver: 'sqlite', available: true },
    });
    expect((await logsift.app.inject('/readyz')).json()).toEqual({ status: 'ready' });
    await logsift.close();
  });

  it('starts with an unwritable data directory: Explore works, saved objects answer 503', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'logsift-settings-')), 'not-a-dir');
    writeFileSync(file, '');
    const logsift = await startTestLogsift(
      { datasources, storage: { kind: 'sqlite', dataDir: join(file, 'data') } },
      { sampleScale: 0.001 },
    );
    const settings = (await logsift.app.inject('/api/v1/settings')).json<SettingsResponse>();
    expect(settings.storage).toEqual({
      driver: 'sqlite',
      available: false,
      message: expect.stringContaining('ENOTDIR'),
    });
    const ready = await logsift.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'degraded', unavailable: ['storage'] });
    for (const url of [
      '/api/v1/dashboards',
      '/api/v1/saved-queries',
      '/s/AAAAAAAAAAAAAAAAAAAAAA',
    ]) {
      const res = await logsift.app.inject(url);
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toEqual({
        code: 'storage_unavailable',
        message: expect.stringContaining('saved objects are unavailable'),
      });
    }
    const explore = await logsift.app.inject({
      method: 'POST',
      url: '/api/v1/query',
      payload: {
        datasource: 'local',
        language: 'logql',
        query: '{app=~".+"}',
        from: 'now-24h',
        to: 'now',
        limit: 5,
      },
    });
    expect(explore.statusCode).toBe(200);
    await logsift.close();
  });
});
