import { useContext, useEffect, useState } from 'react';
import { StoreContext } from '../../state/storeContext';
import { loadHistory, recordRun, saveHistory, type HistoryEntry } from './queryHistory';

/**
 * This browser's query history, read once and written on every Run; other tabs' runs are
 * read again when the storage event says they changed it.
 */
export function useQueryHistory(): [HistoryEntry[], (next: HistoryEntry[]) => void] {
  const store = useContext(StoreContext);
  const [list, setList] = useState<HistoryEntry[]>(() => loadHistory(window.localStorage));
  const update = (next: HistoryEntry[]) => {
    saveHistory(window.localStorage, next);
    setList(next);
  };
  useEffect(() => {
    if (!store) return undefined;
    const unsubscribe = store.subscribe((state, previous) => {
      const s = state.submitted;
      if (!s || s === previous.submitted) return;
      const next = recordRun(
        loadHistory(window.localStorage),
        {
          datasource: s.datasource,
          ...(s.also ? { also: s.also } : {}),
          language: s.language,
          query: s.query,
          from: s.from,
          to: s.to,
        },
        Date.now(),
      );
      saveHistory(window.localStorage, next);
      setList(next);
    });
    const onStorage = () => setList(loadHistory(window.localStorage));
    window.addEventListener('storage', onStorage);
    return () => {
      unsubscribe();
      window.removeEventListener('storage', onStorage);
    };
  }, [store]);
  return [list, update];
}
