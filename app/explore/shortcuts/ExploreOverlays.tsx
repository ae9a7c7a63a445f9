import { useEffect } from 'react';
import { selectOverlay } from '../../state/exploreStore';
import { usePane } from '../../state/paneContext';
import { useExplore } from '../../state/storeContext';
import { testIds } from '../../testIds';
import { HistoryDrawer } from '../history/HistoryDrawer';
import { shortcutFor } from './shortcuts';
import { ShortcutsHelp } from './ShortcutsHelp';

/** The page's keys, and what they open: query history and the shortcut list. */
export function ExploreOverlays({ root }: { root: React.RefObject<HTMLElement | null> }) {
  const first = usePane().pane === 'left';
  const overlay = useExplore(selectOverlay);
  const setOverlay = useExplore((s) => s.setOverlay);
  const selectedId = useExplore((s) => s.selectedId);
  const select = useExplore((s) => s.select);
  const runQuery = useExplore((s) => s.runQuery);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // In split view each pane answers only the keys pressed inside it; `/` and `?` go to the first.
      const pane = root.current;
      const inside = pane?.contains(e.target as Node) ?? false;
      // A key the editor already used (Esc closing its completions) is not the page's.
      if (e.defaultPrevented) return;
      const action = shortcutFor(e);
      if (!action || (!inside && !(first && e.target === document.body))) return;
      // The query inspector closes on its own Esc; the page leaves that key to it.
      if (action === 'escape' && !overlay && pane?.querySelector('.inspector')) return;
      if (action === 'run') {
        // The editor runs its own Ctrl+Enter; elsewhere the page does.
        if ((e.target as HTMLElement).closest('.cm-editor')) return;
        runQuery();
      } else if (action === 'focus-editor') {
        pane
          ?.querySelector<HTMLElement>(`[data-testid="${testIds.queryEditor}"] .cm-content`)
          ?.focus();
      } else if (action === 'help') {
        setOverlay(overlay === 'shortcuts' ? undefined : 'shortcuts');
      } else if (overlay) {
        setOverlay(undefined);
      } else if (selectedId) {
        select(undefined);
      } else if (document.activeElement instanceof HTMLElement) {
        document.activeElement.blur();
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [root, first, overlay, setOverlay, selectedId, select, runQuery]);
  return (
    <>
      <HistoryDrawer />
      {overlay === 'shortcuts' && <ShortcutsHelp onClose={() => setOverlay(undefined)} />}
    </>
  );
}

/** The topbar's buttons for the overlays. */
export function OverlayButtons() {
  const overlay = useExplore(selectOverlay);
  const setOverlay = useExplore((s) => s.setOverlay);
  return (
    <>
      <button
        type="button"
        className={overlay === 'history' ? 'toolbar-button active' : 'toolbar-button'}
        data-testid={testIds.historyToggle}
        aria-expanded={overlay === 'history'}
        title="Queries run in this browser"
        onClick={() => setOverlay(overlay === 'history' ? undefined : 'history')}
      >
        History
      </button>
      <button
        type="button"
        className="toolbar-button"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => setOverlay('shortcuts')}
      >
        ?
      </button>
    </>
  );
}
