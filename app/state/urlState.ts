import { LANGUAGES, type Language } from '../../model';

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
}

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
  return state;
}

export function writeUrlState(
  state: Required<Omit<UrlState, 'target' | 'columns' | 'line' | 'also' | 'limit'>> &
    Pick<UrlState, 'target' | 'columns' | 'line' | 'also' | 'limit'>,
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
  return `?${params.toString()}`;
}
