import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Facet } from '../../../model';
import { fieldListQuery } from '../../api/facets';
import type { SubmittedQuery } from '../../state/exploreStore';
import { testIds } from '../../testIds';
import { FieldItem } from './FieldItem';
import { fieldEntries, matchesSearch } from './fieldList';
import './FacetsPanel.css';

interface FacetsPanelProps {
  /** The query the facets counted; fields and more values are asked about it. */
  query: SubmittedQuery | undefined;
  facets: Facet[] | undefined;
  loading: boolean;
  onFilter(field: string, value: string, exclude: boolean): void;
}

const none: SubmittedQuery = {
  datasource: '',
  language: 'logql',
  query: '',
  from: '',
  to: '',
  run: 0,
};
/** Fields open at first: the first few with a handful of values, as Grafana's label browser. */
const OPEN_AT_FIRST = 4;

export function FacetsPanel({ query, facets, loading, onFilter }: FacetsPanelProps) {
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState<Record<string, boolean>>({});
  const fields = useQuery({ ...fieldListQuery(query ?? none), enabled: !!query });
  const entries = useMemo(() => fieldEntries(facets, fields.data), [facets, fields.data]);
  const shown = entries.filter((e) => matchesSearch(e.name, search));
  const openAtFirst = useMemo(
    () =>
      new Set(
        (facets ?? [])
          .filter((f) => f.values.length > 1 && f.values.length <= 10)
          .slice(0, OPEN_AT_FIRST)
          .map((f) => f.field),
      ),
    [facets],
  );

  return (
    <aside className="panel facets" data-testid={testIds.facets} aria-busy={loading}>
      <header className="panel-header">
        <span>Fields</span>
        {entries.length > 0 && (
          <span className="muted small">
            {search ? `${shown.length} of ${entries.length}` : entries.length}
          </span>
        )}
      </header>
      <div className="facets-search">
        <input
          type="search"
          placeholder="Search field names"
          aria-label="Search field names"
          data-testid={testIds.facetSearch}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {entries.length === 0 && (
        <p className="muted facets-empty">
          {loading || fields.isFetching ? 'Counting…' : 'Run a query to see fields.'}
        </p>
      )}
      {entries.length > 0 && shown.length === 0 && (
        <p className="muted facets-empty">No field name has “{search}”.</p>
      )}
      <ul className="facets-list">
        {query &&
          shown.map((entry) => (
            <FieldItem
              key={entry.name}
              entry={entry}
              query={query}
              open={opened[entry.name] ?? openAtFirst.has(entry.name)}
              onToggle={(open) => setOpened((o) => ({ ...o, [entry.name]: open }))}
              onFilter={onFilter}
            />
          ))}
      </ul>
    </aside>
  );
}
