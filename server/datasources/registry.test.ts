import { describe, expect, it } from 'vitest';
import { ANONYMOUS_PRINCIPAL } from '../auth/principal';
import { LogsiftConfigSchema } from '../config/schema';
import { createDatasources } from './registry';

describe('createDatasources', () => {
  it('creates each configured datasource and finds it by id', async () => {
    const config = LogsiftConfigSchema.parse({
      datasources: [{ id: 'samples', name: 'Samples', kind: 'local', replay: false }],
    });
    const registry = await createDatasources(config.datasources, { sampleScale: 0.02 });
    expect(registry.list(ANONYMOUS_PRINCIPAL).map((ds) => [ds.id, ds.name, ds.kind])).toEqual([
      ['samples', 'Samples', 'local'],
    ]);
    expect(await registry.get('samples', ANONYMOUS_PRINCIPAL).ready()).toBe(true);
    expect(() => registry.get('other', ANONYMOUS_PRINCIPAL)).toThrow(
      expect.objectContaining({ code: 'not_found', message: 'no datasource with id "other"' }),
    );
    await registry.closeAll();
    expect(await registry.get('samples', ANONYMOUS_PRINCIPAL).ready()).toBe(false);
  });

  it('creates a CloudWatch datasource without calling AWS until it is asked', async () => {
    const config = LogsiftConfigSchema.parse({
      datasources: [
        { id: 'eks', kind: 'cloudwatch', region: 'eu-west-1', logGroups: ['/aws/app'] },
      ],
    });
    const registry = await createDatasources(config.datasources);
    const eks = registry.get('eks', ANONYMOUS_PRINCIPAL);
    expect([eks.kind, eks.languages, typeof eks.record]).toEqual([
      'cloudwatch',
      ['insights', 'logql', 'kql'],
      'function',
    ]);
    await registry.closeAll();
  });
});
