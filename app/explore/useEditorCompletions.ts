import type { CompletionSource } from '@codemirror/autocomplete';
import { useContext, useMemo } from 'react';
import { completionData } from '../api/completionData';
import { StoreContext } from '../state/storeContext';
import { queryCompletions } from './completion';

/**
 * The editor's completions for this pane: names and values read from its datasource over its
 * range at the moment they are asked, so the editor need not be rebuilt as they change.
 */
export function useEditorCompletions(): CompletionSource {
  const store = useContext(StoreContext);
  return useMemo(
    () =>
      queryCompletions(
        completionData(() => {
          const s = store?.getState();
          return {
            datasource: s?.datasource ?? '',
            language: s?.language,
            from: s?.from ?? 'now-1h',
            to: s?.to ?? 'now',
          };
        }),
        () => store?.getState().language,
      ),
    [store],
  );
}
