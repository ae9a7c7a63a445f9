import { describe, expect, it } from 'vitest';
import { LogsiftConfigSchema } from '../config/schema';
import { createDatasources } from './registry';

describe('createDatasources', () => {
  it('creates each configured datasource and finds it by id', async () => {
    const config = LogsiftConfigSchema.parse({
      datasources: [{ id: 'samples', name: 'Samples', kind: 'local', replay: false }],
    });
    const registry = await createDatasources(config.datasources, { sampleScale: 0.02 });
    expect(registry.list().map((ds) => [ds.id, ds.name, ds.kind])).toEqual([
      ['samples', 'Samples', 'local'],
    ]);
    expect(await registry.get('samples').ready()).toBe(true);
    expect(() => registry.get('other')).toThrow(
      expect.objectContaining({ code: 'not_found', message: 'no datasource with id "other"' }),
    );
    await registry.closeAll();
    expect(await registry.get('samples').ready()).toBe(false);
  });

  it('refuses kinds of later issues by name, before starting any datasource', async () => {
    const config = LogsiftConfigSchema.parse({
      datasources: [
        { id: 'local', kind: 'local' },
        { id: 'prod-loki', kind: 'loki', url: 'http://loki:3100' },
        { id: 'eks', kind: 'cloudwatch', region: 'eu-west-1', logGroups: ['/aws/app'] },
      ],
    });
    await expect(createDatasources(config.datasources)).rejects.toThrow(
      'datasources.2 (eks): kind cloudwatch is not available in this version',
    );
  });
});
