import { useId, useState } from 'react';
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
  const listId = useId();
  const needle = search.trim().toLowerCase();
  const matches = options.filter(
    (o) =>
      !needle || o.text.toLowerCase().includes(needle) || o.value.toLowerCase().includes(needle),
  );
  const shownText = options.find((o) => o.value === value)?.text ?? value;
  const typed = search.trim();
  const offerTyped = allowCustom && typed !== '' && !options.some((o) => o.value === typed);

  // What the list offers, in order, so the arrow keys and Enter walk the same rows as the mouse.
  const shown = matches.slice(0, SHOWN_OPTIONS);
  const choices: VariableOption[] = [
    ...shown,
    ...(offerTyped ? [{ value: typed, text: `Use “${typed}”` }] : []),
  ];
  const [active, setActive] = useState(0);

  const pick = (next: string) => {
    onChange(next);
    setOpen(false);
    setSearch('');
    setActive(0);
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
            aria-controls={listId}
            aria-activedescendant={choices[active] ? `${listId}-${active}` : undefined}
            onChange={(e) => {
              setSearch(e.target.value);
              setActive(0);
            }}
            onKeyDown={(e) => {
              onKeyDown(e);
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                const step = e.key === 'ArrowDown' ? 1 : -1;
                setActive((a) => Math.min(Math.max(a + step, 0), choices.length - 1));
              } else if (e.key === 'Enter') {
                const chosen = choices[active];
                if (chosen) pick(chosen.value);
              }
            }}
          />
          {problem && <p className="variable-problem">{problem}</p>}
          {loading && <p className="muted small">Loading values…</p>}
          <ul role="listbox" id={listId} aria-label={label}>
            {choices.map((o, i) => (
              <li
                key={`${i < shown.length ? 'value' : 'typed'}:${o.value}`}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={o.value === value}
                className={i === active ? 'active' : undefined}
              >
                <button
                  type="button"
                  tabIndex={-1}
                  data-testid={i < shown.length ? testIds.variableOption : undefined}
                  title={o.text === o.value ? o.value : `${o.text} (${o.value})`}
                  ref={
                    i === active ? (el) => el?.scrollIntoView?.({ block: 'nearest' }) : undefined
                  }
                  onMouseEnter={() => setActive(i)}
                  onClick={() => pick(o.value)}
                >
                  {o.text}
                </button>
              </li>
            ))}
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
