import { create } from 'zustand';
import type { Language } from '../../model';
import { sentQuery } from '../api/queries';
import type { UrlState } from './urlState';

/** What each language's editor starts with: everything in the range. */
export const DEFAULT_QUERIES: Record<Language, string> = {
  logql: '{job=~".+"}',
  kql: '',
  lucene: '',
  insights: 'fields @timestamp, @message',
};

/** A query as it was run: what the server answers for, and what the URL shares. */
export interface SubmittedQuery {
  datasource: string;
  /** Further datasources searched at once (federated): the answers merge by time. */
  also?: string[];
  language: Language;
  query: string;
  from: string;
  to: string;
  target?: string;
  /** Several targets, for datasources that search a list (CloudWatch log groups). */
  targets?: string[];
  /** Most lines asked for when not the default. */
  limit?: number;
  /** Dashboard variables: `query` keeps `$name`, every request sends it interpolated. */
  variables?: Record<string, string>;
  /** Bumped on every Run so "now-1h" is asked again rather than served from cache. */
  run: number;
}

/** What the page's queries are built from before the first Run; they stay disabled until then. */
export const EMPTY_SUBMITTED: SubmittedQuery = {
  datasource: '',
  language: 'logql',
  query: '',
  from: 'now-1h',
  to: 'now',
  run: 0,
};

/**
 * The language to use on a datasource: the current one when the datasource speaks it (as
 * Kibana keeps KQL or Lucene across data views), else the datasource's first.
 */
export function languageFor(
  languages: readonly Language[],
  current: Language | undefined,
): Language | undefined {
  return current && languages.includes(current) ? current : languages[0];
}

/**
 * A query nobody wrote (a language's default, or nothing) follows the language; anything
 * else is the user's text and stays, to be fixed or translated.
 */
function queryAfterSwitch(query: string, language: Language | undefined): string {
  const untouched = query.trim() === '' || Object.values(DEFAULT_QUERIES).includes(query.trim());
  return untouched && language ? DEFAULT_QUERIES[language] : query;
}

interface QuerySlice {
  datasource: string;
  /** Further datasources searched with `datasource`, in the order picked. */
  also: string[];
  /** Unknown until the datasources are listed, when the URL did not say. */
  language: Language | undefined;
  query: string;
  from: string;
  to: string;
  /**
   * Narrows a pattern-based datasource (Elasticsearch) to one index or data stream; for one
   * that searches a list (CloudWatch), the names joined by commas, which neither allows in names.
   */
  target: string | undefined;
  /** Whether the datasource takes several targets. */
  manyTargets: boolean;
  /** Most lines asked for, as Grafana's line limit; undefined is the default 1,000. */
  limit: number | undefined;
  setLimit(limit: number | undefined): void;
  submitted: SubmittedQuery | undefined;
  /** The saved query this pane was opened from or last saved as (URL `saved`). */
  saved: string | undefined;
  setSaved(id: string | undefined): void;
  /** The dashboard panel edited here (`<dashboardId>.<panelId>`) and that dashboard's version. */
  panel: string | undefined;
  dashboardVersion: number | undefined;
  setDashboardVersion(version: number): void;
  /** Dashboard variables the panel's query is run with. */
  variables: Record<string, string> | undefined;
  /** Picks a language the datasource speaks, keeping the current one if it can. */
  setDatasource(id: string, languages: readonly Language[], manyTargets?: boolean): void;
  setLanguage(language: Language): void;
  setQuery(text: string): void;
  setAlso(ids: string[]): void;
  setRange(from: string, to: string): void;
  setTarget(target: string | undefined): void;
  /** Back/Forward: the view exactly as the URL describes it. */
  restore(url: UrlState): void;
  /** Runs a query from the history: its sources, language, text and range; the view stays. */
  openQuery(
    q: Pick<SubmittedQuery, 'datasource' | 'also' | 'language' | 'query' | 'from' | 'to'>,
  ): void;
  runQuery(): void;
}

/** The drawer or dialog open over the page, one at a time. */
export type Overlay = 'history' | 'shortcuts' | undefined;

interface ViewSlice {
  overlay: Overlay;
  setOverlay(overlay: Overlay): void;
  selectedId: string | undefined;
  /** The line a shared link points at (URL `line`): scrolled to and highlighted once listed. */
  linkedId: string | undefined;
  /** Fields shown as table columns beside the line, in order (URL `col`). */
  columns: string[];
  tail: boolean;
  select(id: string | undefined): void;
  /** Adds the field as the last column, or removes it when shown. */
  toggleColumn(field: string): void;
  setColumns(fields: string[]): void;
  setTail(on: boolean): void;
}

export type ExploreState = QuerySlice & ViewSlice;

export function createExploreStore(initial: UrlState) {
  return create<ExploreState>()((set, get) => ({
    datasource: initial.datasource ?? '',
    also: initial.also ?? [],
    language: initial.language,
    query: initial.query ?? DEFAULT_QUERIES[initial.language ?? 'logql'],
    from: initial.from ?? 'now-1h',
    to: initial.to ?? 'now',
    target: initial.target,
    manyTargets: false,
    limit: initial.limit,
    setLimit: (limit) => set({ limit }),
    submitted: undefined,
    saved: initial.saved,
    setSaved: (saved) => set({ saved }),
    panel: initial.panel,
    dashboardVersion: initial.dashboardVersion,
    setDashboardVersion: (dashboardVersion) => set({ dashboardVersion }),
    variables: initial.variables,
    setDatasource: (datasource, languages, manyTargets = false) => {
      const { language, query } = get();
      const next = languageFor(languages, language);
      set({
        datasource,
        also: get().also.filter((d) => d !== datasource),
        manyTargets,
        // A target belongs to its datasource's pattern.
        target: datasource === get().datasource ? get().target : undefined,
        language: next,
        query: next === language ? query : queryAfterSwitch(query, next),
      });
    },
    setLanguage: (language) => set({ language, query: queryAfterSwitch(get().query, language) }),
    setQuery: (query) => set({ query }),
    setAlso: (also) => set({ also: also.filter((d) => d !== get().datasource) }),
    setRange: (from, to) => set({ from, to }),
    setTarget: (target) => set({ target }),
    restore: (url) => {
      const s = get();
      set({
        datasource: url.datasource ?? s.datasource,
        also: url.also ?? [],
        language: url.language ?? s.language,
        query: url.query ?? s.query,
        from: url.from ?? s.from,
        to: url.to ?? s.to,
        target: url.target,
        columns: url.columns ?? [],
        limit: url.limit,
        saved: url.saved,
        panel: url.panel,
        dashboardVersion: url.dashboardVersion,
        variables: url.variables,
      });
      s.runQuery();
    },
    openQuery: (q) => {
      set({
        datasource: q.datasource,
        also: q.also ?? [],
        language: q.language,
        query: q.query,
        from: q.from,
        to: q.to,
        target: undefined,
      });
      get().runQuery();
    },
    runQuery: () => {
      const { datasource, also, language, query, from, to, target, manyTargets, limit, submitted } =
        get();
      const { variables } = get();
      if (!datasource || !language) return;
      const picked = target ? (manyTargets ? { targets: target.split(',') } : { target }) : {};
      set({
        submitted: {
          datasource,
          ...(also.length > 0 ? { also } : {}),
          language,
          query,
          from,
          to,
          ...picked,
          ...(limit ? { limit } : {}),
          ...(variables ? { variables } : {}),
          run: (submitted?.run ?? 0) + 1,
        },
        // The first run opens what a shared link points at; later runs start unselected.
        ...(submitted ? { selectedId: undefined, linkedId: undefined } : {}),
      });
    },
    overlay: undefined,
    setOverlay: (overlay) => set({ overlay }),
    selectedId: initial.line,
    linkedId: initial.line,
    columns: initial.columns ?? [],
    tail: false,
    select: (selectedId) => set({ selectedId }),
    toggleColumn: (field) => {
      const { columns } = get();
      set({
        columns: columns.includes(field) ? columns.filter((c) => c !== field) : [...columns, field],
      });
    },
    setColumns: (columns) => set({ columns }),
    setTail: (tail) => set({ tail }),
  }));
}

export type ExploreStore = ReturnType<typeof createExploreStore>;

export const selectQueryText = (s: ExploreState) => s.query;
export const selectLanguage = (s: ExploreState) => s.language;
export const selectSubmitted = (s: ExploreState) => s.submitted;
export const selectFrom = (s: ExploreState) => s.from;
export const selectTo = (s: ExploreState) => s.to;
export const selectTarget = (s: ExploreState) => s.target;
export const selectTail = (s: ExploreState) => s.tail;
export const selectSelectedId = (s: ExploreState) => s.selectedId;
export const selectColumns = (s: ExploreState) => s.columns;
export const selectLinkedId = (s: ExploreState) => s.linkedId;
export const selectAlso = (s: ExploreState) => s.also;
export const selectOverlay = (s: ExploreState) => s.overlay;
/** The editor's text as requests send it (variables filled in), for the tail and the inspector. */
export const selectSentQuery = (s: ExploreState): string => {
  if (!s.language) return s.query;
  try {
    return sentQuery({
      language: s.language,
      query: s.query,
      from: s.from,
      to: s.to,
      ...(s.variables ? { variables: s.variables } : {}),
    });
  } catch {
    // The Run shows why; until then the tail and the inspector see the text as written.
    return s.query;
  }
};
