import { useCallback, useEffect, useMemo, useState } from 'react';
import { createExploreStore, type ExploreStore } from '../state/exploreStore';
import { PaneContext } from '../state/paneContext';
import { isSplit, paneSearch, withoutRight, withPane } from '../state/panes';
import { StoreContext } from '../state/storeContext';
import { asScratchCopy, readUrlState } from '../state/urlState';
import { ExplorePage } from './ExplorePage';
import './split.css';

const storeFor = (search: string, pane: 'left' | 'right'): ExploreStore =>
  createExploreStore(readUrlState(paneSearch(search, pane)));

/**
 * One Explore pane, or two side by side (Grafana's split view) on one time range: a range
 * picked, zoomed or dragged in either pane is run in both.
 */
export function ExploreLayout() {
  const [left] = useState(() => storeFor(window.location.search, 'left'));
  const [right, setRight] = useState<ExploreStore | undefined>(() =>
    isSplit(window.location.search) ? storeFor(window.location.search, 'right') : undefined,
  );

  useEffect(() => {
    if (!right) return undefined;
    const follow = (from: ExploreStore, to: ExploreStore) =>
      from.subscribe((state, previous) => {
        const s = state.submitted;
        if (!s || s === previous.submitted) return;
        const other = to.getState();
        if (other.from === s.from && other.to === s.to) return;
        other.setRange(s.from, s.to);
        if (other.submitted) other.runQuery();
      });
    const stopLeft = follow(left, right);
    const stopRight = follow(right, left);
    return () => {
      stopLeft();
      stopRight();
    };
  }, [left, right]);

  // Back/Forward may open or close the split.
  useEffect(() => {
    const onPop = () => {
      const split = isSplit(window.location.search);
      setRight((r: ExploreStore | undefined) =>
        split ? (r ?? storeFor(window.location.search, 'right')) : undefined,
      );
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const toggleSplit = useCallback(() => {
    const search = window.location.search;
    if (right) {
      window.history.pushState(null, '', withoutRight(search));
      setRight(undefined);
      return;
    }
    // The new pane starts as a copy of the left one, as Grafana's does.
    const copy = withPane(search, 'right', asScratchCopy(paneSearch(search, 'left')));
    window.history.pushState(null, '', copy);
    // A zustand store is a function: handed to the setter bare, React would call it as an updater.
    const store = storeFor(copy, 'right');
    setRight(() => store);
  }, [right]);

  const leftPane = useMemo(
    () => ({ pane: 'left' as const, split: right !== undefined, toggleSplit }),
    [right, toggleSplit],
  );
  const rightPane = useMemo(
    () => ({ pane: 'right' as const, split: true, toggleSplit }),
    [toggleSplit],
  );
  return (
    <div className={right ? 'explore-split' : 'explore-single'}>
      <PaneContext.Provider value={leftPane}>
        <StoreContext.Provider value={left}>
          <ExplorePage />
        </StoreContext.Provider>
      </PaneContext.Provider>
      {right && (
        <PaneContext.Provider value={rightPane}>
          <StoreContext.Provider value={right}>
            <ExplorePage />
          </StoreContext.Provider>
        </PaneContext.Provider>
      )}
    </div>
  );
}
