import { describe, expect, it } from 'vitest';
import { DashboardBodySchema, type Dashboard } from '../../../model';
import { canBeTimeSeries, panelFromPane, panelKindsFor, withPanel } from './panelFromPane';

const dashboard: Dashboard = {
  id: 'Ab3dEf5hIj7kLm9nOp1rSt',
  version: 3,
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
  owner: 'anonymous',
  sharing: { kind: 'public', canEdit: true },
  access: 'owner',
  title: 'Shop',
  description: '',
  range: { from: 'now-6h', to: 'now' },
  refreshMs: null,
  variables: [{ kind: 'field', name: 'ns', datasource: 'local', field: 'namespace' }],
  panels: [
    {
      id: 'a',
      title: 'Errors',
      kind: 'stat',
      datasources: ['local'],
      language: 'logql',
      query: '{namespace="$ns"} |= "error"',
      grid: { x: 0, y: 0, w: 6, h: 4 },
    },
  ],
  links: [],
};

describe('panels from Explore', () => {
  it('offers a time series for metric queries and search languages, never lines of a metric', () => {
    expect(panelKindsFor('logql', 'sum(rate({app="cart"}[1m]))')).toEqual(['timeseries']);
    expect(panelKindsFor('logql', '{app="cart"}')).toEqual(['logs', 'histogram', 'table', 'stat']);
    expect(panelKindsFor('kql', 'level:error')).toContain('timeseries');
    expect(canBeTimeSeries('insights', 'stats count(*) by bin(5m)')).toBe(true);
    expect(canBeTimeSeries('logql', '  {app="cart"} |= "x"')).toBe(false);
  });

  it('adds the pane query beside the last row with a fresh id, and the body still validates', () => {
    const pane = {
      datasource: 'local',
      also: ['es', 'local'],
      language: 'logql' as const,
      query: '{app="cart"}',
    };
    const body = withPanel(dashboard, pane, { kind: 'table', title: ' Top pods ', field: 'pod' });
    const added = body.panels?.[1];
    expect(added).toMatchObject({
      title: 'Top pods',
      kind: 'table',
      datasources: ['local', 'es'],
      language: 'logql',
      query: '{app="cart"}',
      field: 'pod',
      grid: { x: 6, y: 0, w: 6, h: 6 },
    });
    expect(added?.id).not.toBe('a');
    expect(body.variables).toEqual(dashboard.variables);
    expect(() => DashboardBodySchema.parse(body)).not.toThrow();
    expect('version' in body).toBe(false);

    const logs = panelFromPane(pane, { kind: 'logs', title: 'Lines' }, dashboard.panels);
    expect(logs.grid).toEqual({ x: 0, y: 4, w: 12, h: 8 });
    expect(logs.field).toBeUndefined();
  });
});
