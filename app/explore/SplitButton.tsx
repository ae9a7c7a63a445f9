import { usePane } from '../state/paneContext';
import { testIds } from '../testIds';

/** Opens a second pane beside this one, or closes the right pane. */
export function SplitButton() {
  const { pane, split, toggleSplit } = usePane();
  if (split && pane === 'left') return null;
  return (
    <button
      type="button"
      className="toolbar-button"
      data-testid={pane === 'right' ? testIds.splitClose : testIds.splitOpen}
      title={
        pane === 'right'
          ? 'Close this pane'
          : 'Split: a second query beside this one, on the same time range'
      }
      onClick={toggleSplit}
    >
      {pane === 'right' ? '✕ Close' : '◫ Split'}
    </button>
  );
}
