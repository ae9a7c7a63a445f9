import { useContext, useEffect } from 'react';
import { usePane } from './paneContext';
import { paneSearch, withPane } from './panes';
import { StoreContext } from './storeContext';
import { readUrlState, writeUrlState } from './urlState';

/**
 * The URL is the source of truth for what is shareable: each Run pushes it, and
 * Back/Forward restore the query it described.
 */
export function useUrlSync(): void {
  const store = useContext(StoreContext);
  const { pane } = usePane();
  useEffect(() => {
    if (!store) return undefined;
    const unsubscribe = store.subscribe((state, previous) => {
      const s = state.submitted;
      if (!s) return;
      // Columns and the saved query are part of the view, not of a Run: they replace the URL
      // rather than add to history.
      const columnsOnly =
        s === previous.submitted &&
        (state.columns !== previous.columns ||
          state.saved !== previous.saved ||
          state.dashboardVersion !== previous.dashboardVersion);
      if (s === previous.submitted && !columnsOnly) return;
      const own = writeUrlState({
        datasource: s.datasource,
        ...(s.also ? { also: s.also } : {}),
        language: s.language,
        query: s.query,
        from: s.from,
        to: s.to,
        target: s.targets?.join(',') ?? s.target,
        columns: state.columns,
        ...(s.limit ? { limit: s.limit } : {}),
        ...(state.linkedId ? { line: state.linkedId } : {}),
        saved: state.saved,
        panel: state.panel,
        dashboardVersion: state.dashboardVersion,
        variables: state.variables,
      });
      // In split view the pane rewrites only its own part of the URL.
      const search = withPane(window.location.search, pane, own);
      if (search === window.location.search) return;
      if (columnsOnly) window.history.replaceState(null, '', search);
      else window.history.pushState(null, '', search);
    });
    const onPop = (): void =>
      store.getState().restore(readUrlState(paneSearch(window.location.search, pane)));
    window.addEventListener('popstate', onPop);
    return () => {
      unsubscribe();
      window.removeEventListener('popstate', onPop);
    };
  }, [store, pane]);
}
