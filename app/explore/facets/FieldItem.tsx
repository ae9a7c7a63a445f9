import { useId } from 'react';
import type { SubmittedQuery } from '../../state/exploreStore';
import { testIds } from '../../testIds';
import { DEFAULT_SIZE, FieldValues } from './FieldValues';
import type { FieldEntry } from './fieldList';

interface FieldItemProps {
  entry: FieldEntry;
  query: SubmittedQuery;
  open: boolean;
  onToggle(open: boolean): void;
  onFilter(field: string, value: string, exclude: boolean): void;
}

/** One field: its name, how many values it has, and when open its top values. */
export function FieldItem({ entry, query, open, onToggle, onFilter }: FieldItemProps) {
  const bodyId = useId();
  const { facet } = entry;
  return (
    <li className="facet" data-testid={testIds.facetField} data-field={entry.name}>
      <button
        type="button"
        className="facet-toggle"
        aria-expanded={open}
        aria-controls={open ? bodyId : undefined}
        onClick={() => onToggle(!open)}
      >
        <span className="facet-caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <span className="facet-name">{entry.name}</span>
        {entry.type === 'label' && (
          <span className="facet-kind" title="a stream label or mapped Kubernetes field">
            label
          </span>
        )}
        {facet && (
          <span className="facet-distinct muted" title="values counted">
            {facet.values.length}
            {facet.other > 0 && facet.values.length >= DEFAULT_SIZE ? '+' : ''}
          </span>
        )}
      </button>
      {open && (
        <FieldValues
          id={bodyId}
          field={entry.name}
          facet={facet}
          query={query}
          onFilter={onFilter}
        />
      )}
    </li>
  );
}
