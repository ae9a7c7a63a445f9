import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { ExploreState, ExploreStore } from './exploreStore';

export const StoreContext = createContext<ExploreStore | undefined>(undefined);

export function useExplore<T>(selector: (state: ExploreState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useExplore needs a StoreContext provider');
  return useStore(store, selector);
}
