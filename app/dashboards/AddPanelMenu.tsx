import { PANEL_KINDS, type PanelKind } from '../../model';
import { testIds } from '../testIds';
import { usePopover } from '../ui/usePopover';
import { KIND_NAMES, PanelIcon } from './panels/PanelIcon';

const HINTS: Record<PanelKind, string> = {
  logs: 'The newest matching lines',
  histogram: 'Lines over time, stacked by level',
  timeseries: 'A metric query as lines',
  table: 'Top values of a field',
  stat: 'Count of matching lines',
};

/** "Add panel": pick a kind; the panel starts on the first datasource with its default query. */
export function AddPanelMenu({
  onAdd,
  disabled,
}: {
  onAdd(kind: PanelKind): void;
  disabled: boolean;
}) {
  const { box, open, setOpen, onKeyDown } = usePopover<HTMLDivElement>();
  return (
    <div className="dash-add" ref={box}>
      <button
        type="button"
        className="toolbar-button"
        data-testid={testIds.dashboardAddPanel}
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={disabled}
        onClick={() => setOpen(!open)}
        onKeyDown={onKeyDown}
      >
        + Add panel
      </button>
      {open && (
        <div className="dash-menu dash-add-menu" role="menu" onKeyDown={onKeyDown}>
          {PANEL_KINDS.map((kind) => (
            <button
              key={kind}
              type="button"
              role="menuitem"
              data-kind={kind}
              onClick={() => {
                setOpen(false);
                onAdd(kind);
              }}
            >
              <PanelIcon kind={kind} />
              <span>
                {KIND_NAMES[kind]}
                <small className="muted">{HINTS[kind]}</small>
              </span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
