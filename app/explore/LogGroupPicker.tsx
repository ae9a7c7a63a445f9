import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { targetsQuery } from '../api/queries';
import { testIds } from '../testIds';
import { useDebounced } from '../ui/useDebounced';

/** CloudWatch Logs Insights takes up to 50 log groups per query. */
export const MAX_GROUPS = 50;

interface LogGroupPickerProps {
  datasource: string;
  /** The picked groups; none means the datasource's configured defaults. */
  picked: string[];
  onChange(groups: string[]): void;
}

/**
 * Several log groups, found by name prefix on the backend (DescribeLogGroups), as the
 * CloudWatch console's "Select log groups" does; the list is fetched only while open.
 */
export function LogGroupPicker({ datasource, picked, onChange }: LogGroupPickerProps) {
  const [open, setOpen] = useState(false);
  const [prefix, setPrefix] = useState('');
  const search = useDebounced(prefix.trim(), 250);
  const groups = useQuery({ ...targetsQuery(datasource, search), enabled: open });
  const chosen = new Set(picked);
  const toggle = (name: string) => {
    if (chosen.has(name)) onChange(picked.filter((g) => g !== name));
    else if (picked.length < MAX_GROUPS) onChange([...picked, name]);
  };
  const label =
    picked.length === 0
      ? 'default groups'
      : picked.length === 1
        ? (picked[0] ?? '')
        : `${picked.length} log groups`;
  return (
    <div className="log-group-picker" data-testid={testIds.logGroupPicker}>
      <span className="muted">Log groups</span>
      <button
        type="button"
        className="toolbar-button"
        aria-expanded={open}
        title={picked.join('\n') || "The datasource's configured log groups"}
        onClick={() => setOpen(!open)}
      >
        {label} ▾
      </button>
      {open && (
        <div className="log-group-popover" role="dialog" aria-label="Log groups">
          <input
            autoFocus
            placeholder="Log group name prefix, e.g. /aws/containerinsights/"
            data-testid={testIds.logGroupSearch}
            value={prefix}
            onChange={(e) => setPrefix(e.target.value)}
          />
          <div className="muted small">
            {picked.length} of at most {MAX_GROUPS} picked
            {picked.length > 0 && (
              <button type="button" className="ghost" onClick={() => onChange([])}>
                clear
              </button>
            )}
          </div>
          <ul>
            {groups.isFetching && <li className="muted">Searching…</li>}
            {groups.error && <li className="warn">{groups.error.message}</li>}
            {groups.data?.length === 0 && <li className="muted">No log group starts so.</li>}
            {groups.data?.map((g) => (
              <li key={g.name}>
                <label data-testid={testIds.logGroupOption}>
                  <input
                    type="checkbox"
                    checked={chosen.has(g.name)}
                    disabled={!chosen.has(g.name) && picked.length >= MAX_GROUPS}
                    onChange={() => toggle(g.name)}
                  />
                  {g.name}
                </label>
              </li>
            ))}
          </ul>
          <button type="button" className="primary" onClick={() => setOpen(false)}>
            Done
          </button>
        </div>
      )}
    </div>
  );
}
