import type { MouseEvent } from 'react';
import type { Facet } from '../../model';
import { testIds } from '../testIds';
import { formatBytes } from './formatBytes';

interface FacetsPanelProps {
  facets: Facet[] | undefined;
  loading: boolean;
  onFilter(field: string, value: string, exclude: boolean): void;
}

export function FacetsPanel({ facets, loading, onFilter }: FacetsPanelProps) {
  return (
    <aside className="panel facets" data-testid={testIds.facets} aria-busy={loading}>
      <header className="panel-header">
        Fields
        {facets?.some((f) => f.unit === 'bytes') && (
          <span className="muted small" title="Loki's index volume: sizes, not line counts">
            {' '}
            · bytes in the index
          </span>
        )}
      </header>
      {!facets && <p className="muted">{loading ? 'Counting…' : 'Run a query to see fields.'}</p>}
      {facets?.map((facet) => {
        const total = facet.values.reduce((n, v) => n + v.count, 0) + facet.other;
        return (
          <details
            key={facet.field}
            className="facet"
            open={facet.values.length > 1 && facet.values.length <= 10}
          >
            <summary>
              <span className="facet-name">{facet.field}</span>
              <span className="muted">
                {facet.values.length}
                {facet.other > 0 ? '+' : ''}
              </span>
            </summary>
            <ul>
              {facet.values.map((v) => (
                <li key={v.value}>
                  <button
                    type="button"
                    className="facet-value"
                    data-testid={testIds.facetValue}
                    title="Click: filter for this value  ·  Alt-click: filter it out"
                    onClick={(e: MouseEvent) => onFilter(facet.field, v.value, e.altKey)}
                  >
                    <span
                      className="facet-bar"
                      style={{ width: `${total ? (v.count / total) * 100 : 0}%` }}
                    />
                    <span className="facet-label">{v.value === '' ? '(empty)' : v.value}</span>
                    <span className="facet-count">
                      {facet.unit === 'bytes' ? formatBytes(v.count) : v.count.toLocaleString()}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            {facet.sampled && <p className="muted small">counted on a sample</p>}
          </details>
        );
      })}
    </aside>
  );
}
