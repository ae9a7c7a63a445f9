import type { Dashboard, Panel } from '../../model';
import type { VariableValues } from '../../query/variables';

/**
 * What a dashboard link carries besides the dashboard: its range (`from`, `to`), auto-refresh
 * (`refresh=30s` or `off`) and each variable's value (`var-<name>`), as Grafana writes them, so
 * a link opens the same view and Back/Forward walk through the changes.
 */
export interface DashboardView {
  from: string;
  to: string;
  refreshMs: number | null;
  values: Record<string, string>;
}

/** The auto-refresh choices, as Grafana offers them. */
export const REFRESH_CHOICES: readonly { label: string; ms: number }[] = [
  { label: '10s', ms: 10_000 },
  { label: '30s', ms: 30_000 },
  { label: '1m', ms: 60_000 },
  { label: '5m', ms: 300_000 },
  { label: '15m', ms: 900_000 },
  { label: '1h', ms: 3_600_000 },
];

export function refreshLabel(ms: number | null): string {
  if (ms === null) return 'off';
  return REFRESH_CHOICES.find((c) => c.ms === ms)?.label ?? `${Math.round(ms / 1000)}s`;
}

function refreshOf(text: string): number | null | undefined {
  if (text === 'off') return null;
  const found = REFRESH_CHOICES.find((c) => c.label === text);
  if (found) return found.ms;
  const seconds = /^(\d{1,6})s$/.exec(text);
  return seconds ? Number(seconds[1]) * 1000 : undefined;
}

/** The dashboard as saved, overridden by what the URL says. */
export function readDashboardView(dashboard: Dashboard, search: string): DashboardView {
  const params = new URLSearchParams(search);
  const values: Record<string, string> = {};
  for (const v of dashboard.variables) {
    if (v.current !== undefined) values[v.name] = v.current;
  }
  for (const [key, value] of params) {
    if (key.startsWith('var-') && key.length > 4) values[key.slice(4)] = value;
  }
  const refresh = refreshOf(params.get('refresh') ?? '');
  return {
    from: params.get('from') ?? String(dashboard.range.from),
    to: params.get('to') ?? String(dashboard.range.to),
    refreshMs: refresh === undefined ? dashboard.refreshMs : refresh,
    values,
  };
}

/** `?from=…&to=…&refresh=…&var-…`: the whole view, so any link of it is complete. */
export function dashboardViewSearch(view: DashboardView): string {
  const params = new URLSearchParams({ from: view.from, to: view.to });
  params.set('refresh', refreshLabel(view.refreshMs));
  for (const [name, value] of Object.entries(view.values)) params.set(`var-${name}`, value);
  return `?${params.toString()}`;
}

/**
 * Explore with the panel's query as written (its `$variables` kept, their values alongside)
 * and `panel=<dashboard>.<panel>&dv=<version>`, so Explore can offer to apply the edit back.
 */
export function exploreLinkFor(
  dashboard: Pick<Dashboard, 'id' | 'version'>,
  panel: Panel,
  view: Pick<DashboardView, 'from' | 'to' | 'values'>,
): string {
  const params = new URLSearchParams();
  for (const ref of panel.datasources) {
    const name = ref.startsWith('$') ? ref.slice(1) : undefined;
    const resolved = name === undefined ? ref : (view.values as VariableValues)[name];
    params.append('ds', resolved || ref);
  }
  params.set('lang', panel.language);
  params.set('q', panel.query);
  params.set('from', view.from);
  params.set('to', view.to);
  for (const [name, value] of Object.entries(view.values)) params.set(`var-${name}`, value);
  params.set('panel', `${dashboard.id}.${panel.id}`);
  params.set('dv', String(dashboard.version));
  return `/?${params.toString()}`;
}
