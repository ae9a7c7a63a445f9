import { describe, expect, it } from 'vitest';
import { PANEL_KINDS, PanelSchema, type DatasourceInfo, type Panel } from '../../model';
import { duplicatePanel, newPanel } from './newPanel';

const datasource = (id: string, languages: DatasourceInfo['languages']): DatasourceInfo => ({
  id,
  name: id,
  kind: 'local',
  languages,
  capabilities: { tail: false, histogram: true, facets: true, explain: false },
});

describe('newPanel', () => {
  it('makes a valid panel of every kind on the first datasource, each below or beside the last', () => {
    const panels: Panel[] = [];
    for (const kind of PANEL_KINDS)
      panels.push(newPanel(kind, datasource('local', ['logql']), panels));
    for (const p of panels) expect(PanelSchema.safeParse(p).success).toBe(true);
    expect(new Set(panels.map((p) => p.id)).size).toBe(PANEL_KINDS.length);
    expect(panels.find((p) => p.kind === 'table')?.field).toBe('namespace');
    expect(panels.find((p) => p.kind === 'timeseries')?.query).toMatch(/count_over_time/);
    const [logs, histogram] = panels;
    expect(logs?.grid).toEqual({ x: 0, y: 0, w: 12, h: 9 });
    expect(histogram?.grid.y).toBe(9);
  });

  it('writes the default query in the datasource first language', () => {
    const insights = newPanel('timeseries', datasource('cw', ['insights', 'logql']), []);
    expect(insights.language).toBe('insights');
    expect(insights.query).toBe('stats count(*) by bin(5m)');
  });

  it('duplicates with a new id and a place of its own', () => {
    const original = newPanel('stat', datasource('local', ['logql']), []);
    const copy = duplicatePanel(original, [original]);
    expect(copy.id).not.toBe(original.id);
    expect(copy.title).toBe('Stat (copy)');
    expect(copy.grid).toEqual({ x: 4, y: 0, w: 4, h: 4 });
    expect(copy.query).toBe(original.query);
  });
});
