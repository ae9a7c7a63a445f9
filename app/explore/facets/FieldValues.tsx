import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type MouseEvent } from 'react';
import type { Facet } from '../../../model';
import { ApiRequestError } from '../../api/client';
import { fieldFacetQuery } from '../../api/facets';
import type { SubmittedQuery } from '../../state/exploreStore';
import { testIds } from '../../testIds';
import { formatBytes } from '../formatBytes';
import { countNote, facetTotal, nextSize, percent } from './fieldList';

/** What the datasources count when the request does not say. */
export const DEFAULT_SIZE = 10;

interface FieldValuesProps {
  id: string;
  field: string;
  /** Counted with the query already; absent, the values are asked for when shown. */
  facet: Facet | undefined;
  query: SubmittedQuery;
  onFilter(field: string, value: string, exclude: boolean): void;
}

export function FieldValues({ id, field, facet: given, query, onFilter }: FieldValuesProps) {
  const [size, setSize] = useState(DEFAULT_SIZE);
  const asked = useQuery({
    ...fieldFacetQuery(query, field, size),
    enabled: !given || size > DEFAULT_SIZE,
    // "More values" keeps the shorter list in place until the longer one arrives.
    placeholderData: keepPreviousData,
  });
  const facet = size > DEFAULT_SIZE ? (asked.data ?? given) : (given ?? asked.data);
  const more = facet && !asked.isFetching ? nextSize(facet, size) : undefined;
  const note = facet ? countNote(facet) : undefined;
  const total = facet ? facetTotal(facet) : 0;
  const failure = asked.error instanceof ApiRequestError ? asked.error.body.message : undefined;

  return (
    <div id={id} className="facet-body">
      {note && (
        <p className="facet-note" data-testid={testIds.facetNote}>
          {note}
        </p>
      )}
      {failure && <p className="facet-error">{failure}</p>}
      {!facet && !failure && <p className="facet-note">Counting…</p>}
      {facet && facet.values.length === 0 && <p className="facet-note">No values in this range.</p>}
      {facet && facet.values.length > 0 && (
        <ul className="facet-values">
          {facet.values.map((v) => {
            const count =
              facet.unit === 'bytes' ? formatBytes(v.count) : v.count.toLocaleString('en-US');
            const share = percent(v.count, total);
            const label = v.value === '' ? '(empty)' : v.value;
            return (
              <li key={v.value} className="facet-row">
                <button
                  type="button"
                  className="facet-value"
                  data-testid={testIds.facetValue}
                  // The + and − beside it do the same from the keyboard.
                  tabIndex={-1}
                  title={`${field} = ${label}: ${count} (${share})\nClick: filter for it · Alt-click: filter it out`}
                  onClick={(e: MouseEvent) => onFilter(field, v.value, e.altKey)}
                >
                  <span className="facet-bar" style={{ width: share }} />
                  <span className="facet-label">{label}</span>
                  <span className="facet-count">{count}</span>
                </button>
                <button
                  type="button"
                  className="facet-op"
                  data-testid={testIds.facetInclude}
                  aria-label={`Filter for ${field} = ${label}`}
                  title={`Filter for ${field} = ${label}`}
                  onClick={() => onFilter(field, v.value, false)}
                >
                  +
                </button>
                <button
                  type="button"
                  className="facet-op"
                  data-testid={testIds.facetExclude}
                  aria-label={`Filter out ${field} = ${label}`}
                  title={`Filter out ${field} = ${label}`}
                  onClick={() => onFilter(field, v.value, true)}
                >
                  −
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {(more || (asked.isFetching && size > DEFAULT_SIZE)) && (
        <button
          type="button"
          className="facet-more"
          data-testid={testIds.facetMore}
          disabled={!more}
          aria-label={`More values of ${field}`}
          onClick={() => more && setSize(more)}
        >
          {more ? 'More values' : 'Counting…'}
        </button>
      )}
    </div>
  );
}
