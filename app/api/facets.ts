import { queryOptions } from '@tanstack/react-query';
import type { Facet, FacetsResponse, FieldInfo } from '../../model';
import type { SubmittedQuery } from '../state/exploreStore';
import { apiFetch, postJson } from './client';
import { requestBody, sentQuery } from './queries';

/** Every field of the datasource that the query's records may have, for the field list. */
export const fieldListQuery = (q: SubmittedQuery) =>
  queryOptions({
    queryKey: ['fields', q],
    queryFn: ({ signal }) => {
      const search = new URLSearchParams({
        from: q.from,
        to: q.to,
        language: q.language,
        query: sentQuery(q),
      });
      const path = `/api/v1/datasources/${encodeURIComponent(q.datasource)}/fields?${search.toString()}`;
      return apiFetch<FieldInfo[]>(path, { method: 'GET', signal });
    },
    retry: false,
    staleTime: Infinity,
  });

/** One field's top values, `size` of them: a field without a facet yet, or "More values". */
export const fieldFacetQuery = (q: SubmittedQuery, field: string, size: number) =>
  queryOptions({
    queryKey: ['facets', q, field, size],
    queryFn: async ({ signal }): Promise<Facet> => {
      const body = { ...requestBody(q), fields: [field], size };
      const { facets } = await postJson<FacetsResponse>('/api/v1/facets', body, signal);
      return facets[0] ?? { field, values: [], other: 0, sampled: false };
    },
    retry: false,
    staleTime: Infinity,
  });
