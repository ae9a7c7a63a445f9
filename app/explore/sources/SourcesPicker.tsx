import type { DatasourceInfo } from '../../../model';
import { testIds } from '../../testIds';
import { usePopover } from '../../ui/usePopover';
import './sources.css';

interface SourcesPickerProps {
  datasources: readonly DatasourceInfo[];
  /** The datasource of the picker beside this one; never offered again here. */
  primary: string;
  picked: readonly string[];
  onChange(ids: string[]): void;
}

/**
 * Further datasources searched with the first one (Grafana calls this "Mixed"): the same
 * query, translated for each, answers merged by time.
 */
export function SourcesPicker({ datasources, primary, picked, onChange }: SourcesPickerProps) {
  const { box, open, setOpen, onKeyDown } = usePopover<HTMLDivElement>();
  const others = datasources.filter((d) => d.id !== primary);
  if (others.length === 0) return null;
  const toggle = (id: string) =>
    onChange(picked.includes(id) ? picked.filter((p) => p !== id) : [...picked, id]);
  return (
    <div className="sources-picker" ref={box}>
      {picked.map((id) => (
        <span key={id} className="source-chip" data-testid={testIds.sourceChip}>
          + {id}
          <button
            type="button"
            className="ghost"
            aria-label={`Stop searching ${id}`}
            onClick={() => toggle(id)}
          >
            ×
          </button>
        </span>
      ))}
      <button
        type="button"
        className="toolbar-button"
        data-testid={testIds.sourcesPicker}
        aria-haspopup="true"
        aria-expanded={open}
        title="Search several datasources at once: the query is translated for each"
        onClick={() => setOpen(!open)}
        onKeyDown={onKeyDown}
      >
        {picked.length > 0 ? 'Sources…' : '+ Source'}
      </button>
      {open && (
        <div className="sources-menu" role="group" aria-label="Also search">
          <div className="muted small">Also search, merged by time</div>
          {others.map((d) => (
            <label key={d.id} className="source-option">
              <input
                type="checkbox"
                data-testid={testIds.sourceOption}
                checked={picked.includes(d.id)}
                onChange={() => toggle(d.id)}
              />
              <span>{d.name === d.id ? d.id : `${d.name} (${d.id})`}</span>
              <span className="muted small">{d.kind}</span>
            </label>
          ))}
        </div>
      )}
    </div>
  );
}
