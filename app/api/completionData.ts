import type { FieldInfo, Language } from '../../model';
import type { CompletionData } from '../explore/completion/completions';
import { apiFetch } from './client';

const TTL_MS = 30_000;

/** Fields and values for the editor's completions, cached briefly per question. */
export function completionData(
  current: () => { datasource: string; language: Language | undefined; from: string; to: string },
): CompletionData {
  const cache = new Map<string, { at: number; value: Promise<unknown> }>();
  const cached = <T>(path: string, params: Record<string, string | undefined>): Promise<T> => {
    const { datasource, language, from, to } = current();
    const search = new URLSearchParams({ from, to });
    if (language) search.set('language', language);
    for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
    const url = `/api/v1/datasources/${encodeURIComponent(datasource)}/${path}?${search.toString()}`;
    const hit = cache.get(url);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value as Promise<T>;
    const value = apiFetch<T>(url, { method: 'GET' });
    value.catch(() => cache.delete(url));
    cache.set(url, { at: Date.now(), value });
    return value;
  };
  return {
    fields: (query) => cached<FieldInfo[]>('fields', { query }),
    values: (field, query) => cached<string[]>('values', { field, query }),
  };
}
