import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { SavedQuery } from '../../../model';
import { savedQueriesApi } from '../../api/saved';

const keyOf = (id: string | undefined) => ['saved-query', id] as const;

/**
 * The saved query this pane was opened from, read once: its version is the one a Save is based
 * on, so a save by someone else meanwhile is a conflict rather than lost.
 */
export function useLoadedSavedQuery(id: string | undefined) {
  const client = useQueryClient();
  const loaded = useQuery({
    queryKey: keyOf(id),
    queryFn: () => savedQueriesApi.get(id ?? ''),
    enabled: id !== undefined,
    staleTime: Infinity,
    retry: false,
  });
  const remember = useCallback((q: SavedQuery) => client.setQueryData(keyOf(q.id), q), [client]);
  return { loaded: id === undefined ? undefined : loaded.data, remember };
}
