import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../../../model';
import { dashboardPath, editedDatasources, withEditedPanel } from './panelEdit';

const dashboard = {
  id: 'Ab3dEf5hIj7kLm9nOp1rSt',
  version: 2,
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
  owner: 'anonymous',
  sharing: { kind: 'public', canEdit: true },
  access: 'owner',
  title: 'Shop',
  description: 'd',
  range: { from: 'now-1h', to: 'now' },
  refreshMs: 30_000,
  variables: [{ kind: 'datasource', name: 'src' }],
  panels: [
    {
      id: 'p1',
      title: 'Lines',
      kind: 'logs',
      datasources: ['$src'],
      language: 'logql',
      query: '{namespace="$ns"}',
      grid: { x: 0, y: 0, w: 12, h: 8 },
    },
    {
      id: 'p2',
      title: 'Count',
      kind: 'stat',
      datasources: ['local'],
      language: 'logql',
      query: '{app="x"}',
      grid: { x: 0, y: 8, w: 3, h: 4 },
    },
  ],
  links: [],
} satisfies Dashboard;

describe('applying an edited panel', () => {
  it('keeps a datasource variable while the editor stayed on what it stands for', () => {
    const lines = { datasources: ['$src'] };
    const editor = { datasource: 'local', also: [], language: 'logql' as const, query: 'q' };
    expect(editedDatasources(lines, editor, { src: 'local' })).toEqual(['$src']);
    expect(editedDatasources(lines, editor, { src: 'es' })).toEqual(['local']);
    expect(editedDatasources(lines, { ...editor, also: ['es'] }, { src: 'local' })).toEqual([
      '$src',
      'es',
    ]);
  });

  it("replaces only that panel's sources, language and query, keeping $names raw", () => {
    const body = withEditedPanel(
      dashboard,
      'p1',
      { datasource: 'es', also: [], language: 'kql', query: 'namespace:$ns and level:error' },
      { src: 'local', ns: 'shop' },
    );
    expect(body?.panels?.[0]).toEqual({
      ...dashboard.panels[0],
      datasources: ['es'],
      language: 'kql',
      query: 'namespace:$ns and level:error',
    });
    expect(body?.panels?.[1]).toEqual(dashboard.panels[1]);
    expect(body).toMatchObject({ title: 'Shop', refreshMs: 30_000, description: 'd' });
    expect(
      withEditedPanel(
        dashboard,
        'gone',
        { datasource: 'a', also: [], language: 'kql', query: '' },
        {},
      ),
    ).toBeUndefined();
  });

  it('goes back to the dashboard with its variables', () => {
    expect(dashboardPath('Ab3dEf5hIj7kLm9nOp1rSt', { ns: 'shop & co' })).toBe(
      '/dashboards/Ab3dEf5hIj7kLm9nOp1rSt?var-ns=shop+%26+co',
    );
    expect(dashboardPath('Ab3dEf5hIj7kLm9nOp1rSt', {})).toBe('/dashboards/Ab3dEf5hIj7kLm9nOp1rSt');
  });
});
