import { useState } from 'react';
import { testIds } from '../../testIds';
import { usePopover } from '../../ui/usePopover';
import type { VariableOption } from './variableOptions';

const SHOWN_OPTIONS = 200;

/**
 * One variable's value: Grafana's label + dropdown, with a search box over the options. A
 * field's value may also be typed when the range holds none of it (yet).
 */
export function VariablePicker({
  name,
  label,
  value,
  options,
  loading,
  problem,
  allowCustom,
  onChange,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: VariableOption[];
  loading: boolean;
  /** Why there are no options (the route's error, an unresolved datasource). */
  problem: string | undefined;
  allowCustom: boolean;
  onChange: (value: string) => void;
}) {
  const { box, open, setOpen, onKeyDown } = usePopover<HTMLDivElement>();
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const matches = options.filter(
    (o) =>
      !needle || o.text.toLowerCase().includes(needle) || o.value.toLowerCase().includes(needle),
  );
  const shownText = options.find((o) => o.value === value)?.text ?? value;
  const typed = search.trim();
  const offerTyped = allowCustom && typed !== '' && !options.some((o) => o.value === typed);

  const pick = (next: string) => {
    onChange(next);
    setOpen(false);
    setSearch('');
  };

  return (
    <div
      className="variable-picker"
      ref={box}
      data-testid={testIds.variablePicker}
      data-name={name}
    >
      <span className="variable-label">{label}</span>
      <button
        type="button"
        className="variable-value"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-label={`${label}: ${shownText ?? 'no value'}`}
        title={problem}
        onKeyDown={onKeyDown}
        onClick={() => setOpen(!open)}
      >
        <span className={shownText === undefined ? 'muted' : undefined}>
          {shownText ?? (loading ? 'Loading…' : 'none')}
        </span>
        <span className="variable-caret" aria-hidden>
          ▾
        </span>
      </button>
      {open && (
        <div className="variable-menu">
          <input
            type="search"
            // The menu opens to be searched: the keys go to its box at once.
            autoFocus
            placeholder="Search values"
            aria-label={`Search ${label}`}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              onKeyDown(e);
              if (e.key !== 'Enter') return;
              const first = matches[0];
              if (first) pick(first.value);
              else if (offerTyped) pick(typed);
            }}
          />
          {problem && <p className="variable-problem">{problem}</p>}
          {loading && <p className="muted small">Loading values…</p>}
          <ul role="listbox" aria-label={label}>
            {matches.slice(0, SHOWN_OPTIONS).map((o) => (
              <li key={o.value} role="option" aria-selected={o.value === value}>
                <button
                  type="button"
                  data-testid={testIds.variableOption}
                  title={o.text === o.value ? o.value : `${o.text} (${o.value})`}
                  onClick={() => pick(o.value)}
                >
                  {o.text}
                </button>
              </li>
            ))}
            {offerTyped && (
              <li role="option" aria-selected={false}>
                <button type="button" onClick={() => pick(typed)}>
                  Use “{typed}”
                </button>
              </li>
            )}
          </ul>
          {matches.length > SHOWN_OPTIONS && (
            <p className="muted small">
              {matches.length - SHOWN_OPTIONS} more: search to narrow them down
            </p>
          )}
          {!loading && !problem && matches.length === 0 && !offerTyped && (
            <p className="muted small">No values</p>
          )}
        </div>
      )}
    </div>
  );
}
