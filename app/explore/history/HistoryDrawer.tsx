import { useMemo, useState } from 'react';
import { selectOverlay } from '../../state/exploreStore';
import { useExplore } from '../../state/storeContext';
import { testIds } from '../../testIds';
import {
  entryKey,
  removeEntry,
  searchHistory,
  toggleStar,
  type HistoryEntry,
} from './queryHistory';
import { useQueryHistory } from './useRecordHistory';
import './history.css';

/** "3 min ago", "2 h ago", "5 d ago": close enough to find a query again. */
function ago(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

/** Query history of this browser: always mounted so every Run is kept, shown when opened. */
export function HistoryDrawer() {
  const [list, update] = useQueryHistory();
  const overlay = useExplore(selectOverlay);
  if (overlay !== 'history') return null;
  return <HistoryList list={list} update={update} />;
}

/** Searchable, starred first; times relative to when the drawer opened. */
function HistoryList({
  list,
  update,
}: {
  list: HistoryEntry[];
  update(next: HistoryEntry[]): void;
}) {
  const setOverlay = useExplore((s) => s.setOverlay);
  const [now] = useState(() => Date.now());
  const openQuery = useExplore((s) => s.openQuery);
  const [text, setText] = useState('');
  const [starredOnly, setStarredOnly] = useState(false);
  const shown = useMemo(() => searchHistory(list, text, starredOnly), [list, text, starredOnly]);
  return (
    <aside
      className="history-drawer"
      data-testid={testIds.historyDrawer}
      aria-label="Query history"
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOverlay(undefined);
      }}
    >
      <header className="panel-header">
        Query history
        <button
          type="button"
          className="ghost"
          aria-label="Close query history"
          onClick={() => setOverlay(undefined)}
        >
          ✕
        </button>
      </header>
      <div className="history-filters">
        <input
          type="search"
          placeholder="Search queries"
          aria-label="Search query history"
          data-testid={testIds.historySearch}
          value={text}
          autoFocus
          onChange={(e) => setText(e.target.value)}
        />
        <label className="muted small">
          <input
            type="checkbox"
            checked={starredOnly}
            onChange={(e) => setStarredOnly(e.target.checked)}
          />{' '}
          Starred only
        </label>
      </div>
      {shown.length === 0 && (
        <p className="muted history-empty">
          {list.length === 0 ? 'Queries you run appear here.' : 'No query matches.'}
        </p>
      )}
      <ul className="history-list">
        {shown.map((e) => {
          const key = entryKey(e);
          return (
            <li key={key} className="history-entry" data-testid={testIds.historyEntry}>
              <button
                type="button"
                className={e.starred ? 'history-star starred' : 'history-star'}
                aria-pressed={e.starred}
                aria-label={e.starred ? 'Unstar query' : 'Star query'}
                onClick={() => update(toggleStar(list, key))}
              >
                {e.starred ? '★' : '☆'}
              </button>
              <button
                type="button"
                className="history-run"
                title="Run this query again"
                onClick={() => {
                  openQuery(e);
                  setOverlay(undefined);
                }}
              >
                <code>{e.query === '' ? '(empty query)' : e.query}</code>
                <span className="muted small">
                  {[e.datasource, ...(e.also ?? [])].join(' + ')} · {e.language} · {e.from} → {e.to}{' '}
                  · {ago(e.at, now)}
                </span>
              </button>
              <button
                type="button"
                className="ghost history-remove"
                aria-label="Remove from history"
                onClick={() => update(removeEntry(list, key))}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
