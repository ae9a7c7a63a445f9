import { create } from 'zustand';
import type { UrlState } from './urlState';

export const DEFAULT_QUERY = '{job=~".+"}';

/** A query as it was run: what the server answers for, and what the URL shares. */
export interface SubmittedQuery {
  datasource: string;
  query: string;
  from: string;
  to: string;
  /** Bumped on every Run so "now-1h" is asked again rather than served from cache. */
  run: number;
}

interface QuerySlice {
  datasource: string;
  query: string;
  from: string;
  to: string;
  submitted: SubmittedQuery | undefined;
  setDatasource(id: string): void;
  setQuery(text: string): void;
  setRange(from: string, to: string): void;
  runQuery(): void;
}

interface ViewSlice {
  selectedId: string | undefined;
  tail: boolean;
  select(id: string | undefined): void;
  setTail(on: boolean): void;
}

export type ExploreState = QuerySlice & ViewSlice;

export function createExploreStore(initial: UrlState) {
  return create<ExploreState>()((set, get) => ({
    datasource: initial.datasource ?? '',
    query: initial.query ?? DEFAULT_QUERY,
    from: initial.from ?? 'now-1h',
    to: initial.to ?? 'now',
    submitted: undefined,
    setDatasource: (datasource) => set({ datasource }),
    setQuery: (query) => set({ query }),
    setRange: (from, to) => set({ from, to }),
    runQuery: () => {
      const { datasource, query, from, to, submitted } = get();
      if (!datasource) return;
      set({
        submitted: { datasource, query, from, to, run: (submitted?.run ?? 0) + 1 },
        selectedId: undefined,
      });
    },
    selectedId: undefined,
    tail: false,
    select: (selectedId) => set({ selectedId }),
    setTail: (tail) => set({ tail }),
  }));
}

export type ExploreStore = ReturnType<typeof createExploreStore>;

export const selectQueryText = (s: ExploreState) => s.query;
export const selectSubmitted = (s: ExploreState) => s.submitted;
export const selectFrom = (s: ExploreState) => s.from;
export const selectTo = (s: ExploreState) => s.to;
export const selectTail = (s: ExploreState) => s.tail;
export const selectSelectedId = (s: ExploreState) => s.selectedId;
