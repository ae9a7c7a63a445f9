import { memo, useState } from 'react';
import { testIds } from '../../testIds';
import { zoneName } from '../../ui/time';
import { DEDUP_LABELS, DEDUP_MODES, type DedupMode } from './dedup';
import type { ListOptions } from './listOptions';

interface LogListOptionsProps {
  options: ListOptions;
  onChange(change: Partial<ListOptions>): void;
  /** Fields shown as columns, and those the lines carry. */
  columns: readonly string[];
  choices: readonly string[];
  onToggleColumn?(field: string): void;
  /** Rows after deduplication, of the lines listed. */
  shown: number;
  total: number;
}

/** One compact row of switches above the list, as Grafana Explore's logs options. */
export const LogListOptions = memo(function LogListOptions({
  options,
  onChange,
  columns,
  choices,
  onToggleColumn,
  shown,
  total,
}: LogListOptionsProps) {
  return (
    <div className="log-options" data-testid={testIds.logOptions}>
      <label className="log-option">
        <input
          type="checkbox"
          data-testid={testIds.logWrap}
          checked={options.wrap}
          onChange={(e) => onChange({ wrap: e.target.checked })}
        />
        Wrap
      </label>
      <label className="log-option" title="Indent JSON lines (when wrapped)">
        <input
          type="checkbox"
          data-testid={testIds.logPrettify}
          checked={options.prettify}
          disabled={!options.wrap}
          onChange={(e) => onChange({ prettify: e.target.checked })}
        />
        Prettify JSON
      </label>
      <label className="log-option">
        <span className="muted">Dedup</span>
        <select
          data-testid={testIds.logDedup}
          value={options.dedup}
          onChange={(e) => onChange({ dedup: e.target.value as DedupMode })}
        >
          {DEDUP_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {DEDUP_LABELS[mode]}
            </option>
          ))}
        </select>
      </label>
      {options.dedup !== 'none' && (
        <span className="muted" data-testid={testIds.logDedupSummary}>
          {(total - shown).toLocaleString()} folded
        </span>
      )}
      <label className="log-option">
        <span className="muted">Order</span>
        <select
          data-testid={testIds.logOrder}
          value={options.order}
          onChange={(e) => onChange({ order: e.target.value === 'oldest' ? 'oldest' : 'newest' })}
        >
          <option value="newest">Newest first</option>
          <option value="oldest">Oldest first</option>
        </select>
      </label>
      <label className="log-option">
        <span className="muted">Time</span>
        <select
          data-testid={testIds.logZone}
          value={options.zone}
          onChange={(e) => onChange({ zone: e.target.value === 'utc' ? 'utc' : 'local' })}
        >
          <option value="local">Local ({zoneName('local')})</option>
          <option value="utc">UTC</option>
        </select>
      </label>
      {onToggleColumn && (
        <ColumnChooser columns={columns} choices={choices} onToggle={onToggleColumn} />
      )}
    </div>
  );
});

function ColumnChooser({
  columns,
  choices,
  onToggle,
}: {
  columns: readonly string[];
  choices: readonly string[];
  onToggle(field: string): void;
}) {
  const [filter, setFilter] = useState('');
  // Chosen columns stay listed even when these lines do not carry them, to be removed.
  const fields = [...new Set([...columns, ...choices])].filter((f) =>
    f.toLowerCase().includes(filter.toLowerCase()),
  );
  return (
    <details className="log-columns">
      <summary data-testid={testIds.logColumnsToggle}>
        Columns{columns.length > 0 ? ` (${columns.length})` : ''}
      </summary>
      <div className="log-columns-menu">
        <input
          type="search"
          placeholder="Find a field"
          aria-label="Find a field"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <ul>
          {fields.map((field) => (
            <li key={field}>
              <label>
                <input
                  type="checkbox"
                  data-testid={testIds.logColumnChoice}
                  data-field={field}
                  checked={columns.includes(field)}
                  onChange={() => onToggle(field)}
                />
                {field}
              </label>
            </li>
          ))}
          {fields.length === 0 && <li className="muted">No fields</li>}
        </ul>
      </div>
    </details>
  );
}
