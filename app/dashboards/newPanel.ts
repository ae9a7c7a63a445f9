import type { DatasourceInfo, Language, Panel, PanelKind } from '../../model';
import { DEFAULT_QUERIES } from '../state/exploreStore';
import { newPanelId, nextPosition } from './panelFactory';
import { KIND_NAMES } from './panels/PanelIcon';

/** Sizes in cells a new panel starts with: logs wide, a stat small. */
const SIZES: Record<PanelKind, { w: number; h: number }> = {
  logs: { w: 12, h: 9 },
  histogram: { w: 8, h: 7 },
  timeseries: { w: 8, h: 7 },
  table: { w: 4, h: 8 },
  stat: { w: 4, h: 4 },
};

/**
 * A time series needs a metric: per language, the count of lines over time (by namespace in
 * LogQL, a label Kubernetes logs carry; the histogram route counts KQL and Lucene by level).
 */
const METRIC_QUERIES: Record<Language, string> = {
  logql: 'sum by (namespace) (count_over_time({job=~".+"} [$__interval]))',
  kql: '',
  lucene: '',
  insights: 'stats count(*) by bin(5m)',
};

/** A new panel of `kind` on the first datasource, in its first language, placed below the rest. */
export function newPanel(
  kind: PanelKind,
  datasource: DatasourceInfo,
  panels: readonly Panel[],
): Panel {
  const language = datasource.languages[0] ?? 'logql';
  const { w, h } = SIZES[kind];
  return {
    id: newPanelId(),
    title: KIND_NAMES[kind],
    kind,
    datasources: [datasource.id],
    language,
    query: kind === 'timeseries' ? METRIC_QUERIES[language] : DEFAULT_QUERIES[language],
    ...(kind === 'table' ? { field: 'namespace', limit: 10 } : {}),
    grid: nextPosition(panels, w, h),
  };
}

/** A copy beside or below the original, with its own id. */
export function duplicatePanel(panel: Panel, panels: readonly Panel[]): Panel {
  return {
    ...panel,
    id: newPanelId(),
    title: panel.title ? `${panel.title} (copy)` : panel.title,
    grid: nextPosition(panels, panel.grid.w, panel.grid.h),
  };
}
