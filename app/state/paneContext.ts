import { createContext, useContext } from 'react';
import type { Pane } from './panes';

export interface PaneInfo {
  pane: Pane;
  split: boolean;
  /** Opens a right pane with this pane's query, or closes the right pane. */
  toggleSplit(): void;
}

export const PaneContext = createContext<PaneInfo>({
  pane: 'left',
  split: false,
  toggleSplit: () => undefined,
});

export const usePane = (): PaneInfo => useContext(PaneContext);
