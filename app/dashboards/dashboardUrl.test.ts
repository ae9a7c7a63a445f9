import { describe, expect, it } from 'vitest';
import { DashboardBodySchema, type Dashboard, type Panel } from '../../model';
import { dashboardViewSearch, exploreLinkFor, readDashboardView } from './dashboardUrl';

const panel: Panel = {
  id: 'p1',
  title: 'Errors',
  kind: 'logs',
  datasources: ['$ds'],
  language: 'logql',
  query: '{namespace="$namespace"} |= "error"',
  grid: { x: 0, y: 0, w: 6, h: 8 },
};
const dashboard: Dashboard = {
  ...DashboardBodySchema.parse({
    title: 'Shop',
    range: { from: 'now-6h', to: 'now' },
    refreshMs: 30_000,
    variables: [
      {
        kind: 'field',
        name: 'namespace',
        datasource: 'local',
        field: 'namespace',
        current: 'shop',
      },
      { kind: 'datasource', name: 'ds', current: 'local' },
    ],
    panels: [panel],
  }),
  id: 'dash0001',
  version: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  owner: 'anonymous',
  sharing: { kind: 'public', canEdit: true },
  access: 'owner',
};

describe('readDashboardView', () => {
  it('takes the saved range, refresh and current values when the URL says nothing', () => {
    expect(readDashboardView(dashboard, '')).toEqual({
      from: 'now-6h',
      to: 'now',
      refreshMs: 30_000,
      values: { namespace: 'shop', ds: 'local' },
    });
  });

  it('lets the URL override each, and round-trips what it writes', () => {
    const view = readDashboardView(
      dashboard,
      '?from=1000&to=2000&refresh=off&var-namespace=kube-system&var-extra=x',
    );
    expect(view).toEqual({
      from: '1000',
      to: '2000',
      refreshMs: null,
      values: { namespace: 'kube-system', ds: 'local', extra: 'x' },
    });
    expect(readDashboardView(dashboard, dashboardViewSearch(view))).toEqual(view);
    const every = { ...view, refreshMs: 300_000 };
    expect(readDashboardView(dashboard, dashboardViewSearch(every)).refreshMs).toBe(300_000);
  });

  it('ignores a refresh it cannot read', () => {
    expect(readDashboardView(dashboard, '?refresh=soon').refreshMs).toBe(30_000);
  });
});

describe('exploreLinkFor', () => {
  it('carries the raw query, the resolved datasource, the values and the panel version', () => {
    const link = exploreLinkFor(dashboard, panel, readDashboardView(dashboard, ''));
    const params = new URLSearchParams(link.slice(2));
    expect(link.startsWith('/?')).toBe(true);
    expect(params.getAll('ds')).toEqual(['local']);
    expect(params.get('lang')).toBe('logql');
    expect(params.get('q')).toBe('{namespace="$namespace"} |= "error"');
    expect(params.get('from')).toBe('now-6h');
    expect(params.get('var-namespace')).toBe('shop');
    expect(params.get('panel')).toBe('dash0001.p1');
    expect(params.get('dv')).toBe('3');
  });

  it('keeps a $ref whose variable has no value', () => {
    const link = exploreLinkFor(dashboard, panel, { from: 'now-1h', to: 'now', values: {} });
    expect(new URLSearchParams(link.slice(2)).getAll('ds')).toEqual(['$ds']);
  });
});
