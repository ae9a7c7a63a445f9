import type { Dashboard, DashboardBodyInput, Language, Panel, PanelKind } from '../../../model';
import { newPanelId, nextPosition } from '../../dashboards/panelFactory';

export const PANEL_KIND_LABELS: Record<PanelKind, string> = {
  logs: 'Logs',
  histogram: 'Histogram',
  timeseries: 'Time series',
  table: 'Top values (table)',
  stat: 'Single stat (count)',
};

/** Sizes on the 12-column grid: lines want the width, a count a corner. */
const SIZES: Record<PanelKind, { w: number; h: number }> = {
  logs: { w: 12, h: 8 },
  histogram: { w: 12, h: 5 },
  timeseries: { w: 12, h: 6 },
  table: { w: 6, h: 6 },
  stat: { w: 3, h: 4 },
};

/** A LogQL query that computes numbers (`rate`, `count_over_time`, …) rather than lists lines. */
export const isLogqlMetric = (language: Language, query: string): boolean =>
  language === 'logql' && !/^\s*\{/.test(query);

/**
 * Whether the histogram route gives this query a series of its own: LogQL metric queries, and
 * any query in the search languages, whose counts over time are its series (date_histogram,
 * `stats count(*) by bin()`). A LogQL log query only has the level histogram.
 */
export const canBeTimeSeries = (language: Language, query: string): boolean =>
  isLogqlMetric(language, query) || language !== 'logql';

/** The kinds a query can be drawn as: a metric query lists no lines and has no fields to count. */
export function panelKindsFor(language: Language, query: string): PanelKind[] {
  if (isLogqlMetric(language, query)) return ['timeseries'];
  return [
    'logs',
    'histogram',
    ...(canBeTimeSeries(language, query) ? ['timeseries' as const] : []),
    'table',
    'stat',
  ];
}

export interface PanelChoice {
  kind: PanelKind;
  title: string;
  /** `table`: the field whose top values it shows. */
  field?: string;
}

/** A panel of the pane's query, placed below (or beside) the dashboard's panels. */
export function panelFromPane(
  pane: { datasource: string; also: readonly string[]; language: Language; query: string },
  choice: PanelChoice,
  existing: readonly Panel[],
): Panel {
  const size = SIZES[choice.kind];
  return {
    id: uniqueId(existing),
    title: choice.title.trim(),
    kind: choice.kind,
    datasources: [pane.datasource, ...pane.also.filter((d) => d !== pane.datasource)],
    language: pane.language,
    query: pane.query,
    ...(choice.kind === 'table' && choice.field ? { field: choice.field, limit: 10 } : {}),
    grid: nextPosition(existing, size.w, size.h),
  };
}

function uniqueId(existing: readonly Panel[]): string {
  const taken = new Set(existing.map((p) => p.id));
  let id = newPanelId();
  while (taken.has(id)) id = newPanelId();
  return id;
}

/** What a PUT sends: the stored dashboard without its id, version and times. */
export function dashboardBody(d: Dashboard): DashboardBodyInput {
  return {
    title: d.title,
    description: d.description,
    range: d.range,
    refreshMs: d.refreshMs,
    variables: d.variables,
    panels: d.panels,
    links: d.links,
  };
}

/** The dashboard with one more panel: the pane's query as `choice`. */
export function withPanel(
  d: Dashboard,
  pane: Parameters<typeof panelFromPane>[0],
  choice: PanelChoice,
): DashboardBodyInput {
  return { ...dashboardBody(d), panels: [...d.panels, panelFromPane(pane, choice, d.panels)] };
}
