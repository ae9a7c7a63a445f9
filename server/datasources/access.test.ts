import { describe, expect, it } from 'vitest';
import type { Principal } from '../../model';
import { ANONYMOUS_PRINCIPAL } from '../auth/principal';
import { ConfigError, parseConfig } from '../config/load';
import { settingsForGroup } from '../config/datasources';
import { LogsiftConfigSchema } from '../config/schema';
import { mayUse, overrideGroup } from './access';
import { createDatasources } from './registry';

function problems(yaml: string): string[] {
  try {
    parseConfig(yaml, 'logsift.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const user = (groups: string[]): Principal => ({
  id: groups.join('+') || 'nobody',
  name: 'someone',
  groups,
  unrestricted: false,
});

describe('access in logsift.yaml', () => {
  it('checks each override merged into its datasource with that kind’s schema, path by path', () => {
    const found = problems(`
datasources:
  - id: loki
    kind: loki
    url: http://loki:3100
    access:
      groups: [team-a, team-b]
      perGroup:
        team-a: { tenant: 'a b', limits: { maxLines: -1 } }
        team-b: { url: http://other:3100 }
        team-c: { tenant: c }
  - id: es
    kind: elasticsearch
    url: http://es:9200
    index: logs-*
    access:
      perGroup:
        '42': { index: 'x' }
        team-a: { index: 'has space', colour: red }
`);
    expect(found).toEqual([
      'datasources.0.access.perGroup.team-a.tenant: tenant ids joined by |',
      'datasources.0.access.perGroup.team-a.limits.maxLines: Too small: expected number to be >0',
      'datasources.0.access.perGroup.team-b.url: url cannot differ per group: another backend is another datasource (give it its own id and access.groups)',
      'datasources.0.access.perGroup.team-c: team-c is not in access.groups, so nobody in it may use this datasource',
      'datasources.1.access.perGroup.42: a group name made only of digits cannot keep its place in perGroup',
      'datasources.1.access.perGroup.team-a.index: an index pattern without spaces, / ? or #',
      'datasources.1.access.perGroup.team-a: Unrecognized key: "colour"',
    ]);
  });

  it('refuses overrides of the id, the kind and the backend’s place for every kind', () => {
    const found = problems(`
datasources:
  - id: cw
    kind: cloudwatch
    region: eu-west-1
    logGroups: [/aws/a]
    access: { perGroup: { ops: { region: us-east-1, endpoint: 'http://x', id: other } } }
  - id: es
    kind: elasticsearch
    urls: [http://es:9200]
    index: logs-*
    access: { perGroup: { ops: { urls: [http://x:9200], kind: loki } } }
`);
    expect(found.map((p) => p.split(':')[0])).toEqual([
      'datasources.0.access.perGroup.ops.region',
      'datasources.0.access.perGroup.ops.endpoint',
      'datasources.0.access.perGroup.ops.id',
      'datasources.1.access.perGroup.ops.urls',
      'datasources.1.access.perGroup.ops.kind',
    ]);
  });

  it('merges a group’s settings into the base ones, each key given replaced whole', () => {
    const [loki] = LogsiftConfigSchema.parse({
      datasources: [
        {
          id: 'loki',
          kind: 'loki',
          url: 'http://loki:3100',
          tenant: 'ops',
          limits: { maxLines: 500 },
          auth: { basic: { username: 'ops', password: { env: 'OPS_PASSWORD' } } },
          access: {
            perGroup: {
              'team-a': {
                tenant: 'team-a',
                limits: { maxRangeHours: 24 },
                auth: { bearer: { file: '/run/team-a-token' } },
              },
            },
          },
        },
      ],
    }).datasources;
    if (loki?.kind !== 'loki') throw new Error('expected the loki datasource');
    const teamA = settingsForGroup(loki, 'team-a');
    expect(teamA).toMatchObject({
      id: 'loki',
      url: 'http://loki:3100',
      tenant: 'team-a',
      limits: { maxLines: 100_000, maxRangeHours: 24, maxEntriesPerRequest: 5_000 },
      auth: { bearer: { file: '/run/team-a-token' } },
    });
    expect(teamA).not.toHaveProperty('access');
    expect(settingsForGroup(loki, 'team-b')).toBe(loki);
  });
});

describe('who may use a datasource, and with which settings', () => {
  const access = {
    groups: ['team-a', 'team-b', 'ops'],
    perGroup: { 'team-b': { tenant: 'b' }, 'team-a': { tenant: 'a' } },
  };

  it('lets only the listed groups in, everyone when none are listed, all when sign-in is off', () => {
    expect(mayUse(access, user(['team-a']))).toBe(true);
    expect(mayUse(access, user(['team-c']))).toBe(false);
    expect(mayUse(access, user([]))).toBe(false);
    expect(mayUse(access, ANONYMOUS_PRINCIPAL)).toBe(true);
    expect(mayUse({ perGroup: access.perGroup }, user([]))).toBe(true);
    expect(mayUse(undefined, user([]))).toBe(true);
  });

  it('gives a user in several groups the first override in file order, none to the others', () => {
    expect(overrideGroup(access, user(['team-a', 'team-b']))).toBe('team-b');
    expect(overrideGroup(access, user(['team-a']))).toBe('team-a');
    expect(overrideGroup(access, user(['ops']))).toBeUndefined();
    expect(overrideGroup(access, { ...ANONYMOUS_PRINCIPAL, groups: ['team-a'] })).toBeUndefined();
  });

  it('hides a datasource as if it did not exist and closes every group’s instance', async () => {
    const config = LogsiftConfigSchema.parse({
      datasources: [
        {
          id: 'ops-only',
          kind: 'local',
          replay: false,
          name: 'Ops',
          access: { groups: ['ops'], perGroup: { ops: { name: 'Ops (ops view)' } } },
        },
      ],
    });
    const registry = await createDatasources(config.datasources, { sampleScale: 0.001 });
    const hidden = (id: string) => {
      try {
        registry.get(id, user(['team-a']));
      } catch (error) {
        return JSON.stringify(error);
      }
      throw new Error(`${id} was found`);
    };
    expect(hidden('ops-only')).toBe(hidden('nothing').replace('nothing', 'ops-only'));
    expect(registry.list(user(['team-a']))).toEqual([]);
    const opsView = registry.get('ops-only', user(['ops']));
    expect([opsView.name, registry.get('ops-only', ANONYMOUS_PRINCIPAL).name]).toEqual([
      'Ops (ops view)',
      'Ops',
    ]);
    await registry.closeAll();
    expect(await opsView.ready()).toBe(false);
  });
});
