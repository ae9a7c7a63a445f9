import { LANGUAGES, OBJECT_ID_PATTERN, VARIABLE_NAME_PATTERN, type Language } from '../../model';

/** What a shared link carries: enough to show the same view in another browser. */
export interface UrlState {
  datasource?: string;
  /** Further datasources searched with the first (federated search): `ds` repeated. */
  also?: string[];
  language?: Language;
  query?: string;
  from?: string;
  to?: string;
  /** One index or data stream of a pattern-based datasource; absent means the whole pattern. */
  target?: string;
  /** Fields shown as table columns beside the line, as Kibana Discover keeps them in its URL. */
  columns?: string[];
  /** Most lines asked for (Grafana's line limit); the default 1,000 when absent. */
  limit?: number;
  /** A line a link points at: the list opens scrolled to it, highlighted, its details open. */
  line?: string;
  /** The saved query this view was opened from: Save updates it rather than making a new one. */
  saved?: string;
  /** A dashboard panel being edited here: `<dashboardId>.<panelId>`. */
  panel?: string;
  /** The dashboard version the panel was opened from, so Apply cannot overwrite a newer one. */
  dashboardVersion?: number;
  /** Dashboard variables (`var-<name>`): the query keeps `$name`, requests get the values. */
  variables?: Record<string, string>;
}

const PANEL = /^([A-Za-z0-9_-]{8,64})\.([A-Za-z0-9_-]{1,32})$/;
const VAR_PREFIX = 'var-';

const TIME = /^(now(-\d+[smhdw])?|\d{1,16})$/;

const isLanguage = (text: string): text is Language =>
  (LANGUAGES as readonly string[]).includes(text);

/** One index, alias or data stream name, as Elasticsearch allows them. */
const ONE_TARGET = /^[^\s/\\?#,"<>|]{1,255}$/;
/** Up to 50 CloudWatch log group names, joined by commas (which names cannot hold). */
const LOG_GROUPS = /^[.\-_/#A-Za-z0-9]{1,512}(?:,[.\-_/#A-Za-z0-9]{1,512}){0,49}$/;

export function readUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const state: UrlState = {};
  const ds = params.get('ds');
  const lang = params.get('lang');
  const q = params.get('q');
  const from = params.get('from');
  const to = params.get('to');
  const t = params.get('t');
  const DS = /^[A-Za-z0-9_-]{1,64}$/;
  if (ds && DS.test(ds)) state.datasource = ds;
  const also = [...new Set(params.getAll('ds').slice(1, 16))].filter((d) => DS.test(d) && d !== ds);
  if (state.datasource && also.length > 0) state.also = also;
  if (lang && isLanguage(lang)) state.language = lang;
  if (q !== null) state.query = q;
  if (from && TIME.test(from)) state.from = from;
  if (to && TIME.test(to)) state.to = to;
  if (t && (ONE_TARGET.test(t) || LOG_GROUPS.test(t))) state.target = t;
  const columns = params
    .getAll('col')
    .filter((c) => c.length > 0 && c.length <= 256)
    .slice(0, 50);
  if (columns.length > 0) state.columns = columns;
  const limit = Number(params.get('limit'));
  if (Number.isInteger(limit) && limit > 0 && limit <= 100_000) state.limit = limit;
  const line = params.get('line');
  if (line && line.length <= 4096) state.line = line;
  readSavedState(params, state);
  return state;
}

function readSavedState(params: URLSearchParams, state: UrlState): void {
  const saved = params.get('saved');
  if (saved && OBJECT_ID_PATTERN.test(saved)) state.saved = saved;
  const panel = params.get('panel');
  if (panel && PANEL.test(panel)) state.panel = panel;
  const dv = Number(params.get('dv'));
  if (state.panel && Number.isInteger(dv) && dv > 0) state.dashboardVersion = dv;
  const variables: Record<string, string> = {};
  for (const [key, value] of params) {
    const name = key.slice(VAR_PREFIX.length);
    // A plain object keyed by URL text: `__proto__` would be a prototype, not a variable.
    if (key.startsWith(VAR_PREFIX) && VARIABLE_NAME_PATTERN.test(name) && name !== '__proto__') {
      if (value.length <= 1024) variables[name] = value;
    }
  }
  if (Object.keys(variables).length > 0) state.variables = variables;
}

/**
 * A pane's search as a scratch copy: the same query and variables, but not the saved query or
 * dashboard panel it was opened from, so the copy's Save or Apply cannot replace those.
 */
export function asScratchCopy(search: string): string {
  const params = new URLSearchParams(search);
  for (const key of ['saved', 'panel', 'dv']) params.delete(key);
  return `?${params.toString()}`;
}

/** The dashboard and panel ids of a `panel` parameter. */
export function panelRef(panel: string): { dashboardId: string; panelId: string } | undefined {
  const m = PANEL.exec(panel);
  return m?.[1] && m[2] ? { dashboardId: m[1], panelId: m[2] } : undefined;
}

/** `var-<name>=<value>` for each variable, as dashboards and Explore both read them. */
export function variableParams(variables: Readonly<Record<string, string>> | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(variables ?? {}))
    params.append(VAR_PREFIX + name, value);
  return params.toString();
}

export function writeUrlState(
  state: Required<Pick<UrlState, 'datasource' | 'language' | 'query' | 'from' | 'to'>> &
    Omit<UrlState, 'datasource' | 'language' | 'query' | 'from' | 'to'>,
): string {
  const params = new URLSearchParams({
    ds: state.datasource,
    lang: state.language,
    q: state.query,
    from: state.from,
    to: state.to,
  });
  for (const d of state.also ?? []) params.append('ds', d);
  if (state.target) params.set('t', state.target);
  for (const c of state.columns ?? []) params.append('col', c);
  if (state.limit) params.set('limit', String(state.limit));
  if (state.line) params.set('line', state.line);
  if (state.saved) params.set('saved', state.saved);
  if (state.panel) params.set('panel', state.panel);
  if (state.panel && state.dashboardVersion) params.set('dv', String(state.dashboardVersion));
  for (const [name, value] of Object.entries(state.variables ?? {})) {
    params.append(VAR_PREFIX + name, value);
  }
  return `?${params.toString()}`;
}
