import { useCallback, useState } from 'react';
import { loadOptions, saveOptions, type ListOptions } from './listOptions';

const storage = (): Storage | undefined =>
  typeof localStorage === 'undefined' ? undefined : localStorage;

/** The list's options, read once from localStorage and written back on every change. */
export function useListOptions(): [ListOptions, (change: Partial<ListOptions>) => void] {
  const [options, setOptions] = useState(() => loadOptions(storage()));
  const update = useCallback((change: Partial<ListOptions>) => {
    setOptions((current) => {
      const next = { ...current, ...change };
      saveOptions(storage(), next);
      return next;
    });
  }, []);
  return [options, update];
}
