import { LANGUAGES, type Language } from '../../../model';

/** One query as it was run, kept in this browser only (like Grafana's local query history). */
export interface HistoryEntry {
  datasource: string;
  also?: string[];
  language: Language;
  query: string;
  from: string;
  to: string;
  /** Epoch milliseconds of the last run. */
  at: number;
  starred: boolean;
}

export const HISTORY_KEY = 'logsift.history.v1';
/** Unstarred entries kept; starred ones are kept whatever their number. */
export const HISTORY_LIMIT = 200;

const sameQuery = (a: HistoryEntry, b: Omit<HistoryEntry, 'at' | 'starred'>): boolean =>
  a.datasource === b.datasource &&
  a.language === b.language &&
  a.query === b.query &&
  (a.also ?? []).join(',') === (b.also ?? []).join(',');

export const entryKey = (e: HistoryEntry): string =>
  JSON.stringify([e.datasource, e.also ?? [], e.language, e.query]);

/** A run goes to the top; running the same query again moves it there, starred or not. */
export function recordRun(
  list: readonly HistoryEntry[],
  run: Omit<HistoryEntry, 'at' | 'starred'>,
  at: number,
): HistoryEntry[] {
  const previous = list.find((e) => sameQuery(e, run));
  const entry: HistoryEntry = { ...run, at, starred: previous?.starred ?? false };
  const rest = list.filter((e) => e !== previous);
  let unstarred = 0;
  return [entry, ...rest].filter((e) => e.starred || ++unstarred <= HISTORY_LIMIT);
}

export function toggleStar(list: readonly HistoryEntry[], key: string): HistoryEntry[] {
  return list.map((e) => (entryKey(e) === key ? { ...e, starred: !e.starred } : e));
}

export function removeEntry(list: readonly HistoryEntry[], key: string): HistoryEntry[] {
  return list.filter((e) => entryKey(e) !== key);
}

/** Starred first, then newest; every word of `text` must appear in the query or a datasource. */
export function searchHistory(
  list: readonly HistoryEntry[],
  text: string,
  starredOnly = false,
): HistoryEntry[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return list
    .filter((e) => !starredOnly || e.starred)
    .filter((e) => {
      const hay = [e.query, e.datasource, ...(e.also ?? []), e.language].join(' ').toLowerCase();
      return words.every((w) => hay.includes(w));
    })
    .sort((a, b) => Number(b.starred) - Number(a.starred) || b.at - a.at);
}

const isEntry = (v: unknown): v is HistoryEntry => {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e['datasource'] === 'string' &&
    typeof e['query'] === 'string' &&
    typeof e['from'] === 'string' &&
    typeof e['to'] === 'string' &&
    typeof e['at'] === 'number' &&
    typeof e['starred'] === 'boolean' &&
    (LANGUAGES as readonly unknown[]).includes(e['language']) &&
    (e['also'] === undefined ||
      (Array.isArray(e['also']) && e['also'].every((d) => typeof d === 'string')))
  );
};

/** What this browser kept; a damaged or foreign value reads as an empty history, never a crash. */
export function loadHistory(storage: Pick<Storage, 'getItem'>): HistoryEntry[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  } catch {
    return [];
  }
}

export function saveHistory(
  storage: Pick<Storage, 'setItem'>,
  list: readonly HistoryEntry[],
): void {
  try {
    storage.setItem(HISTORY_KEY, JSON.stringify(list));
  } catch {
    // A full or disabled storage loses history, not the page.
  }
}
